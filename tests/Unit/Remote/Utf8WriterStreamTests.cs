using System;
using System.IO;
using System.Linq;
using System.Text;
using HxLiteLLM.Remote;
using Xunit;

namespace HxLiteLLM.Tests.Remote
{
    public sealed class Utf8WriterStreamTests
    {
        private const string Text = "plain é € 😀 end";

        [Fact]
        public void CharactersSplitAcrossWritesDecodeWhole()
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Text, 500)));
            foreach (var piece in new[] { 1, 2, 3, 5, 4096, 4097, bytes.Length })
            {
                var writer = new StringWriter();
                var stream = new Utf8WriterStream(writer);
                for (var i = 0; i < bytes.Length; i += piece) stream.Write(bytes, i, Math.Min(piece, bytes.Length - i));
                stream.Finish();
                Assert.Equal(string.Concat(Enumerable.Repeat(Text, 500)), writer.ToString());
            }
        }

        [Fact]
        public void FinishWritesAnIncompleteLastCharacterAndIgnoresLaterWrites()
        {
            var writer = new StringWriter();
            var stream = new Utf8WriterStream(writer);
            var euro = Encoding.UTF8.GetBytes("a€");
            stream.Write(euro, 0, euro.Length - 1);
            stream.Finish();
            Assert.Equal("a\uFFFD", writer.ToString());
            stream.Write(euro, 0, euro.Length);
            stream.Dispose();
            Assert.Equal("a\uFFFD", writer.ToString());
        }
    }
}
