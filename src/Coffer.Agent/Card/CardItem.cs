namespace Coffer.Agent.Card;

/// <summary>One item of the card's phone book: its stable id and its vCard.</summary>
public sealed record CardItem(long Id, string VCard);
