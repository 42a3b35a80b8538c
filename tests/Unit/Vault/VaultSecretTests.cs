using System;
using System.IO;
using System.Text;
using HxLiteLLM.Vault;
using Xunit;

namespace HxLiteLLM.Tests.Vault
{
    public class VaultSecretTests
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private static byte[] Seal(VaultSecret secret) => Utf8.GetBytes(VaultCipher.Encrypt(Utf8.GetBytes("probe"), secret));

        /// <summary>Two secrets are the same password when one opens what the other sealed.</summary>
        private static void AssertSamePassword(string expected, VaultSecret actual)
        {
            using var reference = VaultSecret.FromPassword(expected);
            Assert.Equal("probe", Utf8.GetString(VaultCipher.Decrypt(Seal(reference), new[] { actual })));
        }

        private static string Script(VaultScratch scratch, string name, string body)
        {
            var path = scratch.Write(name, "#!/bin/sh\n" + body + "\n");
            // Password scripts are a POSIX feature: on Windows every password file is read, never run.
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("password scripts need a POSIX host");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }

        [Fact]
        public void PasswordFilesAreStrippedOfSurroundingWhitespace()
        {
            using var scratch = new VaultScratch();
            using var secret = VaultSecret.FromFile(scratch.Write("pw", " \t pass word \r\n\n\v\f"));
            Assert.Equal(VaultSecret.DefaultLabel, secret.Label);
            AssertSamePassword("pass word", secret);
            using var labelled = VaultSecret.FromFile(scratch.Write("pw2", "x\n"), "prod");
            Assert.Equal("prod", labelled.Label);
        }

        [Fact]
        public void PasswordFileBytesAreUsedAsTheyAre()
        {
            using var scratch = new VaultScratch();
            using var secret = VaultSecret.FromFile(scratch.Write("pw", new byte[] { 0xff, 0x41 }));
            using var same = VaultSecret.FromBytes(new byte[] { 0xff, 0x41 });
            Assert.Equal("probe", Utf8.GetString(VaultCipher.Decrypt(Seal(same), new[] { secret })));
        }

        [Fact]
        public void EmptyPasswordFileIsAnErrorNamingTheFile()
        {
            using var scratch = new VaultScratch();
            var path = scratch.Write("empty-pw", " \n\r\n");
            var error = Assert.Throws<VaultException>(() => VaultSecret.FromFile(path));
            Assert.Equal(VaultErrorKind.EmptyPassword, error.Kind);
            Assert.Contains("Invalid vault password was provided from file (" + path + ")", error.Message);
            Assert.Equal(VaultErrorKind.EmptyPassword, Assert.Throws<VaultException>(() => VaultSecret.FromPassword("")).Kind);
        }

        [Fact]
        public void MissingPasswordFileIsNamed()
        {
            using var scratch = new VaultScratch();
            var path = scratch.PathOf("nope");
            var error = Assert.Throws<VaultException>(() => VaultSecret.FromFile(path));
            Assert.Equal(VaultErrorKind.PasswordFile, error.Kind);
            Assert.Equal(path, error.File);
            Assert.Equal(VaultErrorKind.PasswordFile, Assert.Throws<VaultException>(() => VaultSecret.FromFile(scratch.Dir)).Kind);
        }

        [Fact]
        public void ExecutablePasswordFilesAreRunWithoutAShell()
        {
            using var scratch = new VaultScratch();
            // Only CR/LF are stripped from a script's output; the spaces stay part of the password.
            using var secret = VaultSecret.FromFile(Script(scratch, "pw.sh", "printf ' from script \\r\\n\\n'"));
            AssertSamePassword(" from script ", secret);

            using var client = VaultSecret.FromFile(Script(scratch, "vault-client.sh", "[ \"$1\" = --vault-id ] && printf 'pw-for-%s' \"$2\""), "prod");
            AssertSamePassword("pw-for-prod", client);
        }

        [Fact]
        public void FailingScriptsAreReportedWithoutTheirOutput()
        {
            using var scratch = new VaultScratch();
            var failing = Assert.Throws<VaultException>(() => VaultSecret.FromFile(Script(scratch, "fail.sh", "echo secret-output; exit 3")));
            Assert.Equal(VaultErrorKind.PasswordFile, failing.Kind);
            Assert.Contains("(3)", failing.Message);
            Assert.DoesNotContain("secret-output", failing.Message);

            var empty = Assert.Throws<VaultException>(() => VaultSecret.FromFile(Script(scratch, "empty.sh", "echo")));
            Assert.Equal(VaultErrorKind.EmptyPassword, empty.Kind);
            Assert.Contains("script (", empty.Message);

            var slow = Assert.Throws<VaultException>(() => VaultSecret.FromFile(Script(scratch, "slow.sh", "exec sleep 30"), null, TimeSpan.FromMilliseconds(300)));
            Assert.Equal(VaultErrorKind.PasswordFile, slow.Kind);
            Assert.Contains("did not finish", slow.Message);
        }

        [Fact]
        public void LabelsMustFitAHeader()
        {
            foreach (var label in new[] { "a;b", "with space", "tab\t", "quote\"", "é" })
                Assert.Equal(VaultErrorKind.InvalidLabel, Assert.Throws<VaultException>(() => VaultSecret.FromPassword("x", label)).Kind);
            using var ok = VaultSecret.FromPassword("x", "prod-eu_1.2");
            Assert.Equal("prod-eu_1.2", ok.Label);
        }

        [Fact]
        public void InvalidUnicodePasswordsAreRefusedWithoutQuotingThem()
        {
            var error = Assert.Throws<ArgumentException>(() => VaultSecret.FromPassword("Zq9xW\ud800Kp7Rt"));
            Assert.DoesNotContain("Zq9xW", error.Message);
            Assert.DoesNotContain("Kp7Rt", error.Message);
            Assert.DoesNotContain("D800", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void CharArrayPasswordsAreUtf8()
        {
            using var secret = VaultSecret.FromPassword("pässwörd".ToCharArray());
            AssertSamePassword("pässwörd", secret);
        }
    }
}
