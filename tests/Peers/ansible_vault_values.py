"""Every secret value an inventory holds, decrypted by ansible-core (not by HxLiteLLM, so a decryption bug of ours
cannot hide a leak): all string values of whole-file vaults and every inline !vault value, under a folder.

Usage: ansible_vault_values.py <vault password file> <folder> [<skipped subfolder name> ...]
Prints JSON {"files": [vault files found], "values": [distinct secret strings]}.
"""
import json
import os
import sys

from ansible.parsing.vault import VaultLib, VaultSecret, is_encrypted
from ansible.parsing.yaml.loader import AnsibleLoader
from ansible.parsing.yaml.objects import AnsibleVaultEncryptedUnicode


def strings(value, inline_only):
    """String leaves of a parsed document; only the !vault ones when inline_only."""
    if isinstance(value, AnsibleVaultEncryptedUnicode):
        yield str(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v, inline_only)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, inline_only)
    elif isinstance(value, str) and not inline_only:
        yield value


def main():
    password_file, root, skipped = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    with open(password_file, "rb") as f:
        secrets = [("default", VaultSecret(f.read().strip()))]
    vault = VaultLib(secrets)
    files, values = [], set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skipped]
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            if is_encrypted(data):
                text = vault.decrypt(data).decode("utf-8")
                inline_only = False
            elif b"!vault" in data:
                text = data.decode("utf-8")
                inline_only = True
            else:
                continue
            files.append(path)
            try:
                document = AnsibleLoader(text, vault_secrets=secrets).get_single_data()
            except Exception:
                # Not YAML: the whole decrypted text is the secret.
                document = text
            values.update(v for v in strings(document, inline_only) if v)
    json.dump({"files": files, "values": sorted(values)}, sys.stdout)


if __name__ == "__main__":
    main()
