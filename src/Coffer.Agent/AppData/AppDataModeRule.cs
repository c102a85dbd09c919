namespace Coffer.Agent.AppData;

/// <summary>
/// One line of <c>appDataModes</c> in config.json: the files of the appdata folder whose path matches
/// <see cref="Pattern"/> (<c>*</c> any characters, <c>/</c> included; <c>?</c> one) are backed up in
/// <see cref="Mode"/> (<c>incremental</c>, <c>differential</c> or <c>history</c>). The first matching rule wins.
/// </summary>
public sealed record AppDataModeRule(string Pattern, string Mode);
