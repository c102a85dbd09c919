using System.Globalization;

namespace Coffer.Agent.Consent;

/// <summary>Byte counts and estimates as people read them (binary units: 1 KiB = 1024 bytes).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(double bytes)
    {
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < Units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {Units[unit]}");
    }

    public static string Describe(TransferEstimate estimate)
    {
        var receive = estimate.BytesToReceive is { } r ? "about " + Format(r) : "an amount only the server knows";
        return string.Create(CultureInfo.InvariantCulture, $"about {Format(estimate.BytesToSend)} to send in {estimate.ItemsToSend} items, {receive} to receive");
    }
}
