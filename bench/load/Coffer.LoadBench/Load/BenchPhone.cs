using Coffer.LoadBench.Device;

namespace Coffer.LoadBench.Load;

/// <summary>A simulated phone and its user: fills the address book and makes the local changes between syncs.</summary>
public sealed class BenchPhone(SimulatedPhone phone, int seed)
{
    private readonly ContactGenerator generator = new(seed);
    private readonly Random random = new(seed);

    public SimulatedPhone Phone => phone;

    public string Name => phone.Account.DeviceId;

    public void Fill(int contacts)
    {
        for (var i = 0; i < contacts; i++)
        {
            phone.Contacts.Add(generator.Next());
        }
    }

    /// <summary>Edits, adds and deletes contacts of its own, each one distinct (an edited contact is not deleted).</summary>
    public void MakeChanges(ChangeMix mix, int round)
    {
        var luids = phone.Contacts.Items.Keys.ToArray();
        random.Shuffle(luids);
        var picked = luids.AsSpan(0, Math.Min(luids.Length, mix.Replaces + mix.Deletes));
        for (var i = 0; i < picked.Length; i++)
        {
            var luid = picked[i];
            if (i < mix.Replaces)
            {
                phone.Contacts.Replace(luid, generator.Edit(phone.Contacts.Items[luid], round));
            }
            else
            {
                phone.Contacts.Delete(luid);
            }
        }

        for (var i = 0; i < mix.Adds; i++)
        {
            phone.Contacts.Add(generator.Next());
        }
    }
}
