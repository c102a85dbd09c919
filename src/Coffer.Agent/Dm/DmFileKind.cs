namespace Coffer.Agent.Dm;

/// <summary>How a file of the profile folder is a leaf: a setting (chr, b64 when not plain text), a binary (bin), a certificate (bin, private keys sealed).</summary>
public enum DmFileKind
{
    Setting,
    Binary,
    Certificate,
}
