namespace Coffer.Storage.Tests.Keys;

public sealed class MasterKeyTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "coffer-key-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_wrapped_data_key_opens_only_with_its_master_key_for_its_owner_and_id()
    {
        var master = MasterKey.Generate("test");
        var dataKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(DataKey.KeySize);
        var wrapped = master.Wrap(dataKey, 5, 9);

        wrapped.Length.ShouldBe(MasterKey.WrappedSize);
        master.Unwrap(wrapped, 5, 9).ShouldBe(dataKey);
        Should.Throw<StorageException>(() => master.Unwrap(wrapped, 6, 9)).Message.ShouldContain("data key 9 of user 6");
        Should.Throw<StorageException>(() => master.Unwrap(wrapped, 5, 10));
        Should.Throw<StorageException>(() => MasterKey.Generate("other").Unwrap(wrapped, 5, 9)).Message.ShouldContain("(other)");
    }

    [Fact]
    public void The_key_file_is_created_once_with_mode_0600_and_its_id_is_stable()
    {
        var created = MasterKeyFile.Resolve(dir, null, "configuration", mayCreate: true);
        var path = Path.Combine(dir, MasterKeyFile.FileName);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var again = MasterKeyFile.Resolve(dir, null, "configuration", mayCreate: true);
        again.Id.ShouldBe(created.Id);
        again.Source.ShouldBe($"file {path}");
        MasterKey.FromBase64(created.ToBase64(), "configuration").Id.ShouldBe(created.Id);
    }

    [Fact]
    public void A_missing_key_file_is_not_replaced_when_data_keys_exist_and_a_bad_configured_key_is_refused()
    {
        Should.Throw<StorageException>(() => MasterKeyFile.Resolve(dir, null, "configuration", mayCreate: false)).Message.ShouldContain("missing");
        File.Exists(Path.Combine(dir, MasterKeyFile.FileName)).ShouldBeFalse();
        Should.Throw<StorageException>(() => MasterKeyFile.Resolve(dir, "not base64!", "configuration X", mayCreate: true)).Message.ShouldContain("configuration X");
        Should.Throw<StorageException>(() => MasterKeyFile.Resolve(dir, Convert.ToBase64String(new byte[16]), "configuration X", mayCreate: true)).Message.ShouldContain("16 bytes");
    }
}
