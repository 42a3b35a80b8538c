using System.IO;
using System.Text;

namespace HxLiteLLM.IO
{
    /// <summary>Reads text files the way the Ansible tools expect them: UTF-8, with a clear error otherwise.</summary>
    public static class FileText
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>The file's text, BOM included as U+FEFF so callers can reject or tolerate it as Ansible does.</summary>
        public static string ReadUtf8(string path)
        {
            var bytes = File.ReadAllBytes(path);
            try
            {
                return Strict.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new HxException("FileNotUtf8", path + ": byte " + e.Index
                    + " is not valid UTF-8. Ansible reads UTF-8 only: convert the file (e.g. iconv -f latin1 -t utf-8).", path);
            }
        }
    }
}
