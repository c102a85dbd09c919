namespace Coffer.Agent.AppData;

/// <summary>One content-defined chunk of a file: where it lies and the first 128 bits of its SHA-256.</summary>
public readonly record struct FileChunk(long Offset, int Length, UInt128 Hash);
