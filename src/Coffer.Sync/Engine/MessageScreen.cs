using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Checks of a parsed message as a whole, made before anything of it is applied: each failure is answered with one
/// SyncHdr status (<see cref="HeaderReply"/>) and the message is left alone.
/// </summary>
internal static class MessageScreen
{
    /// <summary>Why the message has more commands and items than <paramref name="max"/>, or null.</summary>
    public static string? TooMany(SyncMLMessage message, int max)
    {
        var count = Count(message.Body.Commands);
        return count > max ? $"the message holds {count} commands and items; at most {max} are taken" : null;
    }

    /// <summary>
    /// Why the message is ambiguous, or null: CmdID must be unique within a message (OMA-TS-SyncML_RepPro-V1_2 §6.6.4,
    /// CmdID), or the Status answering one command could not be told from another's. Statuses are never answered, so
    /// only the commands that are count.
    /// </summary>
    public static string? DuplicateCmdId(SyncMLMessage message)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in All(message.Body.Commands))
        {
            if (command is StatusCommand || command.CmdID is not { } id)
            {
                continue;
            }

            if (!seen.Add(id.Trim()))
            {
                return $"CmdID {id.Trim()} is used by more than one command of the message";
            }
        }

        return null;
    }

    private static long Count(IEnumerable<SyncMLCommand> commands)
    {
        long count = 0;
        foreach (var command in All(commands))
        {
            count += 1 + command switch
            {
                ItemCommand c => c.Items.Count,
                StatusCommand s => s.Items.Count,
                MapCommand m => m.MapItems.Count,
                _ => 0,
            };
        }

        return count;
    }

    private static IEnumerable<SyncMLCommand> All(IEnumerable<SyncMLCommand> commands)
    {
        foreach (var command in commands)
        {
            yield return command;
            if (command is ContainerCommand container)
            {
                foreach (var nested in All(container.Commands))
                {
                    yield return nested;
                }
            }
        }
    }
}
