namespace Coffer.Storage.Tests.Keys;

/// <summary>An <see cref="IDataKeyLookup"/> over a list: the data_keys table without a database.</summary>
internal sealed class InMemoryDataKeys : IDataKeyLookup
{
    public List<WrappedDataKey> Rows { get; } = [];

    public WrappedDataKey? Find(uint keyId) => Rows.FirstOrDefault(k => k.Id == keyId);

    public WrappedDataKey? FindCurrent(long userId) => Rows.Where(k => k.UserId == userId).MaxBy(k => k.Id);

    public string? MasterKeyIdInUse() => Rows.FirstOrDefault()?.MasterKeyId;

    public WrappedDataKey Create(long userId, string masterKeyId, Func<uint, byte[]> wrap)
    {
        var id = (uint)Rows.Count + 1;
        var row = new WrappedDataKey(id, userId, wrap(id), masterKeyId, DateTimeOffset.UnixEpoch);
        Rows.Add(row);
        return row;
    }
}
