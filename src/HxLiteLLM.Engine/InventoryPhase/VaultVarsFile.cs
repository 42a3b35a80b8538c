using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HxLiteLLM.Inventory;
using HxLiteLLM.Results;
using HxLiteLLM.Secrets;
using HxLiteLLM.Values;
using HxLiteLLM.Vault;
using HxLiteLLM.Yaml;

namespace HxLiteLLM.InventoryPhase
{
    /// <summary>
    /// Reading a vars file (group_vars/host_vars) as Ansible does, with every vault value decrypted: inline
    /// <c>!vault |</c> values, and whole-file vaults whose plaintext is the YAML mapping.
    /// </summary>
    public static class VaultVarsFile
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// The top-level variables in file order. Every decrypted string is registered with <paramref name="redactor"/>,
        /// so messages written afterwards mask it. Errors name the file and variable, never a value.
        /// </summary>
        public static IReadOnlyList<HxVaultValue> Read(string path, IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor)
        {
            var content = VaultEnvelope.ReadFile(path);
            var wholeFile = VaultEnvelope.IsEncrypted(content);
            object? data;
            if (wholeFile)
            {
                if (secrets.Count == 0) throw VaultSecretFile.NoSecrets(path);
                var plaintext = VaultCipher.Decrypt(content, secrets, path);
                try
                {
                    var text = DecodeUtf8(plaintext, path);
                    redactor.Register(text);
                    data = LoadQuietly(text, path);
                }
                finally
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
                redactor.RegisterStrings(data);
            }
            else
            {
                data = AnsibleYamlReader.Load(DecodeUtf8(content, path), path);
            }
            if (data == null) return Array.Empty<HxVaultValue>();
            if (!(data is IDictionary<object, object?> mapping))
            {
                throw new HxException("VaultVarsNotMapping", path + ": a vars file holds a YAML mapping of variable: value lines, and this one does not.",
                    path);
            }
            var values = new List<HxVaultValue>();
            foreach (var entry in mapping)
            {
                var name = PyRepr.Str(entry.Key);
                var encrypted = wholeFile;
                var value = Decrypt(entry.Value, secrets, path + " (" + name + ")", redactor, ref encrypted);
                values.Add(new HxVaultValue(name, ToOutput(value), path, encrypted));
            }
            return values;
        }

        /// <summary>The value with every !vault scalar inside it replaced by its plaintext.</summary>
        private static object? Decrypt(object? value, IReadOnlyList<VaultSecret> secrets, string source, SecretRedactor redactor, ref bool encrypted)
        {
            switch (value)
            {
                case VaultedString vaulted:
                    if (secrets.Count == 0) throw VaultSecretFile.NoSecrets(source);
                    encrypted = true;
                    var plaintext = VaultCipher.Decrypt(vaulted.Envelope, secrets, source);
                    try
                    {
                        var text = DecodeUtf8(plaintext, source);
                        redactor.Register(text);
                        return text;
                    }
                    finally
                    {
                        Array.Clear(plaintext, 0, plaintext.Length);
                    }
                case IDictionary<object, object?> mapping:
                    var dict = new PyDict();
                    foreach (var entry in mapping) dict[entry.Key] = Decrypt(entry.Value, secrets, source, redactor, ref encrypted);
                    return dict;
                case string _:
                    return value;
                case IEnumerable<object?> list:
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(Decrypt(item, secrets, source, redactor, ref encrypted));
                    return items;
                default:
                    return value;
            }
        }

        private static object? ToOutput(object? value) => value switch
        {
            IDictionary<object, object?> mapping => VariableTables.From(mapping),
            string _ => value,
            IEnumerable<object?> list => list.Select(ToOutput).ToArray(),
            _ => value,
        };

        /// <summary>YAML of decrypted text: the parser's message may quote the plaintext, so only the position is passed on.</summary>
        private static object? LoadQuietly(string text, string path)
        {
            try
            {
                return AnsibleYamlReader.Load(text, path);
            }
            catch (AnsibleYamlException e)
            {
                throw new VaultException(VaultErrorKind.NotAMapping, "the decrypted vault is not valid YAML; fix it with ansible-vault edit.",
                    path, e.Line > 0 ? e.Line : (int?)null, e.Column > 0 ? e.Column : (int?)null);
            }
        }

        private static string DecodeUtf8(byte[] bytes, string source)
        {
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new HxException("VaultVarsNotUtf8", source + ": the content is not UTF-8 text, so it is not a vars file value Ansible reads as text.",
                    source);
            }
        }
    }
}
