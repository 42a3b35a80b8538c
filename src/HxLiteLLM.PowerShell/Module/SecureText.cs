using System;
using System.Runtime.InteropServices;
using System.Security;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>SecureString in and out, with the plaintext copies as few and as short-lived as the APIs allow.</summary>
    internal static class SecureText
    {
        /// <summary>The characters in a fresh array the caller clears; the unmanaged copy is zeroed at once.</summary>
        public static char[] ToChars(SecureString value)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            try
            {
                var chars = new char[value.Length];
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return chars;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>A managed string of the secret, for engine calls that take one; it lives until collected, so only call it right before use.</summary>
        public static string ToPlainString(SecureString value)
        {
            var chars = ToChars(value);
            try
            {
                return new string(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }

        /// <summary>A read-only SecureString of the characters; clears the array.</summary>
        public static SecureString FromChars(char[] chars)
        {
            try
            {
                var secure = new SecureString();
                foreach (var c in chars) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
