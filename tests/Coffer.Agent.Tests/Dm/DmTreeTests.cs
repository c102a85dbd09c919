using Coffer.Agent.Dm;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Tests.Dm;

/// <summary>The management tree over a profile folder: ACLs, formats, every node kind, and a tree copied node by node giving the same files.</summary>
public sealed class DmTreeTests : IDisposable
{
    private readonly DmProfileSample sample = new();

    public void Dispose() => sample.Dispose();

    [Fact]
    public void Reads_devinfo_devdetail_and_the_backup_subtree_with_formats_and_acls()
    {
        var tree = sample.Tree(sample.Filled("a"));

        tree.Get("./DevInfo/Man", "anyone").AsText().ShouldBe("Nokia");
        tree.Get("./DevInfo/Mod", "anyone").AsText().ShouldBe("N95");
        tree.Get("./DevInfo/DevId", "anyone").AsText().ShouldBe("phone-1");
        tree.Get("./DevDetail/FwV", "anyone").AsText().ShouldBe("21.0.016");
        tree.Get("./DevDetail/LrgObj", "anyone").Format.ShouldBe(DmFormat.Bool);
        tree.Get("./DevDetail/Ext/Coffer/MaxObjSize", "anyone").Format.ShouldBe(DmFormat.Int);
        tree.Get("./DevDetail/Ext/Coffer/Connection", "anyone").AsText().ShouldBe("roaming");
        var interior = tree.Get("./Coffer/Backup", DmProfileSample.Server);
        interior.Format.ShouldBe(DmFormat.Node);
        interior.AsText().ShouldBe("Settings/Apps/Certs/Media");
        tree.Get("./Coffer/Backup/Settings", DmProfileSample.Server).AsText().ShouldBe("binary.dat/display%2Ftheme.ini/network.conf");
        tree.Get("./Coffer/Backup/Settings/network.conf", DmProfileSample.Server).Format.ShouldBe(DmFormat.Chr);
        tree.Get("./Coffer/Backup/Settings/binary.dat", DmProfileSample.Server).Format.ShouldBe(DmFormat.B64);
        tree.Get("./Coffer/Backup/Apps/com.nokia.maps", DmProfileSample.Server).AsText().ShouldBe("Name/Version/ModelSpecific/PackageName/Package/Operations");
        var modelSpecific = tree.Get("./Coffer/Backup/Apps/com.nokia.maps/ModelSpecific", DmProfileSample.Server);
        (modelSpecific.Format, modelSpecific.AsText()).ShouldBe((DmFormat.Bool, "true"));
        tree.Get("./Coffer/Backup/Apps/com.nokia.maps/Package", DmProfileSample.Server).Format.ShouldBe(DmFormat.Bin);
        tree.Get("./Coffer/Backup/Apps/org.example.notes", DmProfileSample.Server).AsText().ShouldBe("Name/Operations");
        var cert = tree.Get("./Coffer/Backup/Certs/me.pem", DmProfileSample.Server).AsText();
        cert.ShouldContain("COFFER SEALED PRIVATE KEY");
        cert.ShouldNotContain("U0VDUkVU");

        var listing = tree.List();
        listing[0].ShouldBe(new DmNodeInfo(".", DmFormat.Node, null, 0, "Get=*"));
        listing.Single(n => n.Path == "./Coffer/Backup/Media/Ringtones/ring%20one.mp3").ShouldBe(
            new DmNodeInfo("./Coffer/Backup/Media/Ringtones/ring%20one.mp3", DmFormat.Bin, "application/octet-stream", 5000, "Add=coffer&Delete=coffer&Exec=coffer&Get=coffer&Replace=coffer"));
        listing.Single(n => n.Path == "./DevInfo/Lang").Acl.ShouldBe("Get=*");
    }

    [Fact]
    public void Refuses_what_the_acl_or_the_node_does_not_allow_with_the_dm_status()
    {
        var tree = sample.Tree(sample.Filled("a"));

        Status(() => tree.Get("./Coffer/Backup/Settings/network.conf", "other")).ShouldBe(StatusCode.PermissionDenied);
        Status(() => tree.Replace("./DevInfo/Man", DmNodeData.Text(DmFormat.Chr, "Acme"), DmProfileSample.Server)).ShouldBe(StatusCode.PermissionDenied);
        Status(() => tree.Add("./DevInfo/New", DmNodeData.Text(DmFormat.Chr, "x"), DmProfileSample.Server)).ShouldBe(StatusCode.PermissionDenied);
        Status(() => tree.Get("./Coffer/Backup/Settings/missing", DmProfileSample.Server)).ShouldBe(StatusCode.NotFound);
        Status(() => tree.Add("./Coffer/Backup/Settings/network.conf", DmNodeData.Text(DmFormat.Chr, "x"), DmProfileSample.Server)).ShouldBe(StatusCode.AlreadyExists);
        Status(() => tree.Delete("./Coffer/Backup/Settings", DmProfileSample.Server)).ShouldBe(StatusCode.CommandNotAllowed);
        Status(() => tree.Exec("./Coffer/Backup/Settings/network.conf", null, DmProfileSample.Server)).ShouldBe(StatusCode.CommandNotAllowed);
        Status(() => tree.Replace("./Coffer/Backup/Settings", DmNodeData.Text(DmFormat.Chr, "x"), DmProfileSample.Server)).ShouldBe(StatusCode.CommandNotAllowed);
        Status(() => tree.Get("./Coffer/Backup/Settings?list=Struct", DmProfileSample.Server)).ShouldBe(StatusCode.OptionalFeatureNotSupported);
        Status(() => tree.Add("./Coffer/Backup/Settings/x", new DmNodeData(DmFormat.Node, null, []), DmProfileSample.Server)).ShouldBe(StatusCode.UnsupportedMediaType);
        Status(() => tree.Replace("./Coffer/Backup/Apps/com.nokia.maps/ModelSpecific", DmNodeData.Text(DmFormat.Bool, "maybe"), DmProfileSample.Server)).ShouldBe(StatusCode.BadRequest);
        Status(() => tree.Add("./Coffer/Backup/Settings/..%2F..%2Fescape", DmNodeData.Text(DmFormat.Chr, "x"), DmProfileSample.Server)).ShouldBe(StatusCode.BadRequest);
        Status(() => tree.Add("./Coffer/Backup/Nope/x", DmNodeData.Text(DmFormat.Chr, "x"), DmProfileSample.Server)).ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public void Add_replace_delete_exec_and_copy_change_the_folder()
    {
        var profile = sample.Filled("a");
        var tree = sample.Tree(profile);

        tree.Add("./Coffer/Backup/Settings/new.conf", DmNodeData.Text(DmFormat.Chr, "a=1\n"), DmProfileSample.Server);
        File.ReadAllText(Path.Combine(profile, "settings", "new.conf")).ShouldBe("a=1\n");
        tree.Replace("./Coffer/Backup/Settings/new.conf", new DmNodeData(DmFormat.B64, null, [1, 2, 3]), DmProfileSample.Server);
        File.ReadAllBytes(Path.Combine(profile, "settings", "new.conf")).ShouldBe([1, 2, 3]);
        tree.Copy("./Coffer/Backup/Media/Wallpapers/copy.jpg", "./Coffer/Backup/Media/Wallpapers/sea.jpg", DmProfileSample.Server);
        File.ReadAllText(Path.Combine(profile, "media", "wallpapers", "copy.jpg")).ShouldBe("JPEG");
        tree.Delete("./Coffer/Backup/Settings/new.conf", DmProfileSample.Server);
        File.Exists(Path.Combine(profile, "settings", "new.conf")).ShouldBeFalse();
        Directory.EnumerateFiles(profile, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();

        tree.Add("./Coffer/Backup/Apps/new.app", new DmNodeData(DmFormat.Node, null, []), DmProfileSample.Server);
        tree.Add("./Coffer/Backup/Apps/new.app/Name", DmNodeData.Text(DmFormat.Chr, "New"), DmProfileSample.Server);
        tree.Add("./Coffer/Backup/Apps/new.app/Package", new DmNodeData(DmFormat.Bin, null, [9, 9]), DmProfileSample.Server);
        Coffer.Agent.Profile.AppList.Read(Path.Combine(profile, "apps", "apps.json")).Apps.Select(a => a.Id).ShouldNotContain("new.app");
        tree.Exec("./Coffer/Backup/Apps/new.app/Operations/Install", null, DmProfileSample.Server);
        Coffer.Agent.Profile.AppList.Read(Path.Combine(profile, "apps", "apps.json")).Apps.Single(a => a.Id == "new.app").ShouldBe(new Coffer.Agent.Profile.AppEntry("new.app", "New", null, "new.app.pkg"));
        File.ReadAllBytes(Path.Combine(profile, "apps", "new.app.pkg")).ShouldBe([9, 9]);
        tree.Delete("./Coffer/Backup/Apps/new.app", DmProfileSample.Server);
        File.Exists(Path.Combine(profile, "apps", "new.app.pkg")).ShouldBeFalse();
    }

    [Fact]
    public void A_rolled_back_transaction_puts_every_file_back()
    {
        var profile = sample.Filled("a");
        var before = DmProfileSample.Files(profile);
        var tree = sample.Tree(profile);

        tree.Journal.Begin();
        tree.Replace("./Coffer/Backup/Settings/network.conf", DmNodeData.Text(DmFormat.Chr, "changed"), DmProfileSample.Server);
        tree.Add("./Coffer/Backup/Media/Wallpapers/new.jpg", new DmNodeData(DmFormat.Bin, null, [1]), DmProfileSample.Server);
        tree.Delete("./Coffer/Backup/Apps/com.nokia.maps", DmProfileSample.Server);
        tree.Journal.Rollback();

        DmProfileSample.Files(profile).ShouldBe(before);
    }

    [Fact]
    public void A_tree_read_node_by_node_and_written_to_an_empty_profile_gives_equal_files()
    {
        var source = sample.Filled("source");
        var target = sample.Empty("target");
        var from = sample.Tree(source);
        var to = sample.Tree(target, "phone-2");

        Copy(from, to, "./Coffer/Backup");
        foreach (var app in from.Get("./Coffer/Backup/Apps", DmProfileSample.Server).AsText().Split('/'))
        {
            to.Exec($"./Coffer/Backup/Apps/{app}/Operations/Install", null, DmProfileSample.Server);
        }

        DmProfileSample.Files(target).ShouldBe(DmProfileSample.Files(source));
    }

    /// <summary>What a restore does: Add of every node under <paramref name="uri"/> that the target lacks, the values as Get gave them.</summary>
    private static void Copy(DmTree from, DmTree to, string uri)
    {
        foreach (var child in from.Get(uri, DmProfileSample.Server).AsText().Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = uri + "/" + child;
            if (child == "Operations")
            {
                continue;
            }

            var data = from.Get(path, DmProfileSample.Server);
            if (data.Format != DmFormat.Node || Status(() => to.Get(path, DmProfileSample.Server)) == StatusCode.NotFound)
            {
                if (Status(() => to.Get(path, DmProfileSample.Server)) == StatusCode.NotFound)
                {
                    to.Add(path, data.Format == DmFormat.Node ? new DmNodeData(DmFormat.Node, null, []) : data, DmProfileSample.Server);
                }
            }

            if (data.Format == DmFormat.Node)
            {
                Copy(from, to, path);
            }
        }
    }

    private static int Status(Action action)
    {
        try
        {
            action();
            return StatusCode.Ok;
        }
        catch (DmCommandException e)
        {
            return e.Status;
        }
    }

    private static int Status(Func<object> func) => Status(() => { func(); });
}
