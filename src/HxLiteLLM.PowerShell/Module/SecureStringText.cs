using System;
using System.Runtime.InteropServices;
using System.Security;

namespace HxLiteLLM.PowerShell.Module
{
    /// <summary>The plaintext of a SecureString, for the moment an engine call needs it.</summary>
    internal static class SecureStringText
    {
        public static string Reveal(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
