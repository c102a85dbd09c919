using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// One command of package 3: a whole change, or one chunk of a change too large for a message (<see cref="Last"/> is
/// false on every chunk but the final one). <see cref="Size"/> is the command's estimated size in a message;
/// <see cref="ContentEnd"/> the bytes of the object sent up to the end of this chunk (chunks read from a file).
/// </summary>
public sealed record OutgoingPiece(ItemCommand Command, LocalChange Change, bool Last, long Size, long ContentEnd = 0);
