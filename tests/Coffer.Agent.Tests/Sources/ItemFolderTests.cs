using Coffer.Agent.Sources;

namespace Coffer.Agent.Tests.Sources;

/// <summary>How mail, SMS, photos and files lie on disk and keep their names: paths from the server never leave the folder.</summary>
public sealed class ItemFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-agent-folders", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("Urlaub 2026/Strand & Meer #1 (ü).jpg")]
    [InlineData("cur/1765000001.M1P4242.phone,S=312:2,RS")]
    [InlineData("a;b=c'd\"e%20.bin")]
    public void A_name_travels_in_the_content_type_and_comes_back(string name)
    {
        var type = ItemNames.TypeWithName("image/jpeg", name);
        type.ShouldStartWith("image/jpeg; name*=UTF-8''");
        ItemNames.NameFrom(type).ShouldBe(name);
    }

    [Fact]
    public void A_type_without_a_name_gives_none()
    {
        ItemNames.NameFrom(null).ShouldBeNull();
        ItemNames.NameFrom("application/octet-stream").ShouldBeNull();
        ItemNames.NameFrom("text/plain; charset=utf-8").ShouldBeNull();
    }

    [Fact]
    public void A_file_tree_lists_every_file_but_hidden_ones_and_keeps_safe_names()
    {
        var folder = new FileTreeFolder(root, null, recursive: true);
        folder.Create("DCIM/Camera/IMG_1.jpg", new byte[] { 1, 2, 3 }).ShouldBe("DCIM/Camera/IMG_1.jpg");
        folder.Create("DCIM/Camera/IMG_1.jpg", new byte[] { 4 }).ShouldBe("DCIM/Camera/IMG_1-2.jpg");
        folder.Create("../../outside.txt", new byte[] { 5 }).ShouldBe("______outside_txt");
        folder.Create("/etc/passwd", new byte[] { 6 }).ShouldBe("_etc_passwd");
        File.WriteAllBytes(Path.Combine(root, ".hidden"), [7]);
        Directory.CreateDirectory(Path.Combine(root, ".thumbnails"));
        File.WriteAllBytes(Path.Combine(root, ".thumbnails", "t.jpg"), [8]);

        folder.List().ShouldBe(["DCIM/Camera/IMG_1-2.jpg", "DCIM/Camera/IMG_1.jpg", "______outside_txt", "_etc_passwd"]);
        File.Exists(Path.Combine(root, "..", "outside.txt")).ShouldBeFalse();
        folder.Read("DCIM/Camera/IMG_1.jpg").ReadAll().ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public void An_sms_folder_holds_vmessage_files_at_its_top_level()
    {
        var folder = new FileTreeFolder(root, ".vmg", recursive: false);
        folder.Create("sms-0001.vmg", new byte[] { 1 }).ShouldBe("sms-0001.vmg");
        folder.Create("sub/sms.vmg", new byte[] { 2 }).ShouldBe("sub_sms_vmg.vmg");
        folder.Create("17", new byte[] { 3 }).ShouldBe("17.vmg");
        File.WriteAllBytes(Path.Combine(root, "export.csv"), [4]);

        folder.List().ShouldBe(["17.vmg", "sms-0001.vmg", "sub_sms_vmg.vmg"]);
    }

    [Fact]
    public void A_maildir_keeps_flags_in_names_and_ignores_tmp()
    {
        var folder = new MaildirFolder(root);
        folder.Create("cur/1765000001.M1P4242.phone,S=3:2,RS", new byte[] { 1, 2, 3 }).ShouldBe("cur/1765000001.M1P4242.phone,S=3:2,RS");
        folder.Create("new/1765000002.M2P4242.phone", new byte[] { 4 }).ShouldBe("new/1765000002.M2P4242.phone");
        folder.Create("42", new byte[] { 5 }).ShouldBe("new/42.coffer-agent");
        folder.Create("tmp/x", new byte[] { 6 }).ShouldBe("new/tmp_x.coffer-agent");
        File.WriteAllBytes(Path.Combine(root, "tmp", "delivering"), [7]);

        Directory.Exists(Path.Combine(root, "tmp")).ShouldBeTrue();
        folder.List().ShouldBe(["cur/1765000001.M1P4242.phone,S=3:2,RS", "new/1765000002.M2P4242.phone", "new/42.coffer-agent", "new/tmp_x.coffer-agent"]);
    }
}
