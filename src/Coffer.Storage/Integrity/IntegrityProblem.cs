namespace Coffer.Storage;

/// <summary>One inconsistency an integrity check found: where (a table or an item) and what is wrong.</summary>
public sealed record IntegrityProblem(string Where, string What);
