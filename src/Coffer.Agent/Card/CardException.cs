namespace Coffer.Agent.Card;

/// <summary>A card file that is missing, not a card, of an unknown version, or asked for something it cannot do.</summary>
public sealed class CardException : Exception
{
    public CardException()
    {
    }

    public CardException(string message)
        : base(message)
    {
    }

    public CardException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
