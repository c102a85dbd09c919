namespace Coffer.Storage;

/// <summary>
/// The zstd dictionaries built into Coffer, by the id a payload header names. Trained from public test items only
/// (bench/sizes/train-dictionaries.cs; Dictionaries/README.md), so they hold no user data and need no key. An id,
/// once shipped, names the same bytes forever and is never removed: stored payloads name it. A better dictionary
/// later gets a new id and new payloads use it; old ones keep decoding with theirs.
/// </summary>
public static class PayloadDictionaries
{
    /// <summary>vCard 2.1/3.0/4.0 (a payload starting BEGIN:VCARD).</summary>
    public const ushort VCard = 1;

    /// <summary>iCalendar and vCalendar 1.0 (BEGIN:VCALENDAR): events, tasks, journal memos.</summary>
    public const ushort Calendar = 2;

    /// <summary>Any other text: plain notes, SIF items, session state.</summary>
    public const ushort Text = 3;

    private static readonly byte[][] Dictionaries = [[], Load("vcard"), Load("calendar"), Load("text")];

    /// <summary>The dictionary's bytes; throws <see cref="StorageException"/> for an id this build does not have.</summary>
    public static ReadOnlySpan<byte> Get(ushort id) =>
        id > 0 && id < Dictionaries.Length
            ? Dictionaries[id]
            : throw new StorageException($"payload names compression dictionary {id}, which this build does not have");

    /// <summary>Whether this build has dictionary <paramref name="id"/>.</summary>
    public static bool Has(ushort id) => id > 0 && id < Dictionaries.Length;

    /// <summary>
    /// The dictionary for new content, by its first bytes: the header records the choice, so decoding never guesses.
    /// 0 (none) for content that does not look like text (a JPEG, a WBXML DevInf).
    /// </summary>
    public static ushort For(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("BEGIN:VCARD"u8) || content.StartsWith("begin:vcard"u8))
        {
            return VCard;
        }

        if (content.StartsWith("BEGIN:VCALENDAR"u8) || content.StartsWith("begin:vcalendar"u8))
        {
            return Calendar;
        }

        // Text: no control bytes other than tab, CR and LF in the first bytes.
        foreach (var b in content[..Math.Min(content.Length, 64)])
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
            {
                return 0;
            }
        }

        return Text;
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(PayloadDictionaries).Assembly.GetManifestResourceStream($"Coffer.Storage.Dictionaries.{name}.zdict")
            ?? throw new InvalidOperationException($"built-in dictionary {name} is missing from the assembly");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
