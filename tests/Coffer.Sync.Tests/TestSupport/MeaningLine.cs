namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// One property occurrence of an item in canonical form. <see cref="Field"/> is what a device's CTCap would have to
/// list to hold it (the property name, or for a line inside a nested component such as VALARM that component's name);
/// <see cref="Text"/> is the whole canonical line, component path included.
/// </summary>
public sealed record MeaningLine(string Component, string Field, string Text);
