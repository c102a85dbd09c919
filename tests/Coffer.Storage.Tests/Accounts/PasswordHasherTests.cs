namespace Coffer.Storage.Tests.Accounts;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_accepts_the_password_and_rejects_others()
    {
        var hash = PasswordHasher.Hash("correct horse", 1000);
        PasswordHasher.Verify("correct horse", hash).ShouldBeTrue();
        PasswordHasher.Verify("correct horsE", hash).ShouldBeFalse();
        PasswordHasher.Verify(string.Empty, hash).ShouldBeFalse();
    }

    [Fact]
    public void Hash_is_salted_and_self_describing()
    {
        var a = PasswordHasher.Hash("pw", 1234);
        var b = PasswordHasher.Hash("pw", 1234);
        a.ShouldNotBe(b);
        var parts = a.Split('$');
        parts[0].ShouldBe("pbkdf2-sha512");
        parts[1].ShouldBe("1234");
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(64);
    }

    [Theory]
    [InlineData("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")] // RFC 7914 §11
    [InlineData("password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")] // widely published PBKDF2-HMAC-SHA256 vector
    public void Verifies_known_pbkdf2_sha256_answers(string password, string salt, int iterations, string hex)
    {
        var encoded = $"pbkdf2-sha256${iterations}${Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(salt))}${Convert.ToBase64String(Convert.FromHexString(hex))}";
        PasswordHasher.Verify(password, encoded).ShouldBeTrue();
        PasswordHasher.Verify(password + "x", encoded).ShouldBeFalse();
    }

    [Theory]
    [InlineData("password", "salt", 1, "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce")]
    [InlineData("password", "salt", 2, "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e")]
    [InlineData("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, "8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868c005174dc4ee71115b59f9e60cd9532fa33e0f75aefe30225c583a186cd82bd4daea9724a3d3b8")]
    public void Verifies_known_pbkdf2_sha512_answers(string password, string salt, int iterations, string hex)
    {
        // Published PBKDF2-HMAC-SHA512 vectors, checked against Python's hashlib.pbkdf2_hmac (an independent implementation).
        var encoded = $"pbkdf2-sha512${iterations}${Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(salt))}${Convert.ToBase64String(Convert.FromHexString(hex))}";
        PasswordHasher.Verify(password, encoded).ShouldBeTrue();
        PasswordHasher.Verify(password + "x", encoded).ShouldBeFalse();
    }

    [Fact]
    public void A_hash_stored_with_hmac_sha256_still_verifies_and_asks_for_a_rehash()
    {
        var salt = Convert.ToBase64String("salt"u8.ToArray());
        var encoded = $"pbkdf2-sha256$4096${salt}${Convert.ToBase64String(Convert.FromHexString("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"))}";
        PasswordHasher.Verify("password", encoded).ShouldBeTrue();
        PasswordHasher.NeedsRehash(encoded, 10).ShouldBeTrue();
        PasswordHasher.NeedsRehash(PasswordHasher.Hash("password", 10), 10).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$abc$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$99999999999$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$!!$aGFzaA==")]
    [InlineData("pbkdf2-sha1$10$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$c2FsdA==")]
    [InlineData("pbkdf2-sha384$10$c2FsdA==$aGFzaA==")]
    public void Malformed_hash_strings_never_verify(string encoded)
    {
        PasswordHasher.Verify("password", encoded).ShouldBeFalse();
        PasswordHasher.NeedsRehash(encoded, 10).ShouldBeTrue();
    }

    [Fact]
    public void Needs_rehash_when_the_iteration_count_grew()
    {
        var hash = PasswordHasher.Hash("pw", 1000);
        PasswordHasher.NeedsRehash(hash, 1000).ShouldBeFalse();
        PasswordHasher.NeedsRehash(hash, 2000).ShouldBeTrue();
    }
}
