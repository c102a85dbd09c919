namespace Coffer.Dm.Tests;

/// <summary>Device trees with a backup subtree: settings, apps (one model-specific), a certificate and media.</summary>
public static class SampleTrees
{
    /// <summary>Bigger than the test server's messages: it travels as a large object both ways.</summary>
    public static readonly byte[] Package = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();

    public static TestTree Full(string devId, string man = "Acme", string mod = "A1", string firmware = "2.1")
    {
        var tree = TestTree.Device(devId, man, mod, firmware);
        tree.Leaf("./Coffer/Backup/Settings/ringer", "loud");
        tree.Leaf("./Coffer/Backup/Settings/wifi.conf", "ssid=home");
        tree.Leaf("./Coffer/Backup/Apps/chess/Name", "Chess");
        tree.Leaf("./Coffer/Backup/Apps/chess/Version", "3");
        tree.Leaf("./Coffer/Backup/Apps/chess/ModelSpecific", "false", "bool");
        tree.Leaf("./Coffer/Backup/Apps/chess/Package", Package);
        tree.Interior("./Coffer/Backup/Apps/chess/Operations/Install");
        tree.Leaf("./Coffer/Backup/Apps/tuner/Name", "Tuner");
        tree.Leaf("./Coffer/Backup/Apps/tuner/Version", "1");
        tree.Leaf("./Coffer/Backup/Apps/tuner/ModelSpecific", "true", "bool");
        tree.Leaf("./Coffer/Backup/Apps/tuner/Package", [1, 2, 3]);
        tree.Interior("./Coffer/Backup/Apps/tuner/Operations/Install");
        tree.Leaf("./Coffer/Backup/Certs/root.der", [0x30, 0x82, 0x01, 0x0a]);
        tree.Leaf("./Coffer/Backup/Media/Ringtones/bell.mid", [0x4d, 0x54, 0x68, 0x64]);
        return tree;
    }
}
