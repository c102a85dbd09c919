using Coffer.Formats.AppData;

namespace Coffer.Formats.Tests.AppData;

public sealed class SqliteChangeSetCodecTests
{
    private static SqliteChangeSet Sample() => new()
    {
        BaseModification = 176,
        Modification = 240,
        SchemaDigest = [.. Enumerable.Range(0, 32).Select(i => (byte)i)],
        UserVersion = 4,
        ApplicationId = -7,
        Statements = ["ALTER TABLE \"notes\" ADD COLUMN starred INTEGER NOT NULL DEFAULT 0", "DROP INDEX IF EXISTS \"notes_title\""],
        Tables =
        [
            new SqliteTableChanges("notes", ["id", "title", "body", "ratio"], false, false, [3, 9, 1_000_000], [
                new SqliteRow(4, [4L, "vier ✓", new byte[] { 0, 255, 16 }, 0.1]),
                new SqliteRow(-2, [-2L, null, Array.Empty<byte>(), double.NegativeInfinity]),
                new SqliteRow(long.MaxValue, [long.MinValue, string.Empty, null, -0.0]),
            ]),
            new SqliteTableChanges("settings", ["key", "value"], true, true, [], [new SqliteRow(0, ["theme", "light"])]),
        ],
        Tracking = [new SqliteTrackedRow("notes", 3, 201, true), new SqliteTrackedRow("settings", 0, 239, false), new SqliteTrackedRow("notes", 4, 240, false)],
    };

    [Fact]
    public void A_change_set_comes_back_as_it_was_written_value_for_value_and_storage_class_for_storage_class()
    {
        var sample = Sample();
        var decoded = SqliteChangeSetCodec.Decode(SqliteChangeSetCodec.Encode(sample));
        (decoded.BaseModification, decoded.Modification, decoded.UserVersion, decoded.ApplicationId).ShouldBe((176L, 240L, 4L, -7L));
        decoded.SchemaDigest.ShouldBe(sample.SchemaDigest);
        decoded.Statements.ShouldBe(sample.Statements);
        decoded.Tracking.ShouldBe(sample.Tracking);
        decoded.Tables.Count.ShouldBe(2);
        for (var t = 0; t < 2; t++)
        {
            var (a, b) = (sample.Tables[t], decoded.Tables[t]);
            (b.Table, b.Whole, b.WithoutRowid).ShouldBe((a.Table, a.Whole, a.WithoutRowid));
            b.Columns.ShouldBe(a.Columns);
            b.Deleted.ShouldBe(a.Deleted);
            b.Rows.Select(r => r.RowId).ShouldBe(a.Rows.Select(r => r.RowId));
            for (var r = 0; r < a.Rows.Count; r++)
            {
                for (var c = 0; c < a.Columns.Count; c++)
                {
                    var (x, y) = (a.Rows[r].Values[c], b.Rows[r].Values[c]);
                    y?.GetType().ShouldBe(x?.GetType());
                    switch (x)
                    {
                        case byte[] bytes:
                            ((byte[])y!).ShouldBe(bytes);
                            break;
                        case double d:
                            BitConverter.DoubleToInt64Bits((double)y!).ShouldBe(BitConverter.DoubleToInt64Bits(d));
                            break;
                        default:
                            y.ShouldBe(x);
                            break;
                    }
                }
            }
        }
    }

    [Fact]
    public void The_content_type_is_recognized_with_parameters()
    {
        SqliteChangeSetCodec.IsChangeSet("application/vnd.coffer.sqlite-changes+zstd; name*=UTF-8''a%2Fb.db").ShouldBeTrue();
        SqliteChangeSetCodec.IsChangeSet("application/octet-stream; name*=UTF-8''a.db").ShouldBeFalse();
        SqliteChangeSetCodec.IsChangeSet(null).ShouldBeFalse();
    }

    [Fact]
    public void Damaged_change_sets_are_a_PimFormatException_and_nothing_else()
    {
        var good = SqliteChangeSetCodec.Encode(Sample());
        Should.Throw<PimFormatException>(() => SqliteChangeSetCodec.Decode("not zstd at all"u8.ToArray()));
        Should.Throw<PimFormatException>(() => SqliteChangeSetCodec.Decode(good[..(good.Length / 2)]));
        using var compressor = new ZstdSharp.Compressor();
        var raw = new ZstdSharp.Decompressor().Unwrap(good).ToArray();

        // Every cut of the decompressed form, and random bytes written over it: refused, never another exception.
        var random = new Random(17);
        for (var i = 0; i < 400; i++)
        {
            var damaged = i < raw.Length ? raw[..i] : [.. raw];
            if (i >= raw.Length)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                SqliteChangeSetCodec.Decode(compressor.Wrap(damaged).ToArray());
            }
            catch (PimFormatException)
            {
            }
        }

        Should.Throw<PimFormatException>(() => SqliteChangeSetCodec.Decode(compressor.Wrap(raw[..^1]).ToArray()));
        Should.Throw<PimFormatException>(() => SqliteChangeSetCodec.Decode(compressor.Wrap([.. raw, 0]).ToArray()));
    }
}
