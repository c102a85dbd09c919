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
        parts[0].ShouldBe("pbkdf2-sha256");
        parts[1].ShouldBe("1234");
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(32);
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
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$abc$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$99999999999$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$!!$aGFzaA==")]
    [InlineData("pbkdf2-sha1$10$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$10$c2FsdA==")]
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
