using HxLiteLLM.Results;
using Xunit;

namespace HxLiteLLM.Tests.Reporting
{
    /// <summary>The one rule results apply to Target, Message and Remediation where they are set.</summary>
    public class ControlTextTests
    {
        [Theory]
        [InlineData("plain text: a::b, #3", "plain text: a::b, #3")]
        [InlineData("::1", "::1")]
        [InlineData("::ffff:127.0.0.1 refused", "::ffff:127.0.0.1 refused")]
        [InlineData("tab\tkept\nline kept", "tab\tkept\nline kept")]
        [InlineData("crlf\r\nbecomes lf, lone \r escaped", "crlf\nbecomes lf, lone \\u000d escaped")]
        [InlineData("\u001b[31mred\u0000nul\u007f\u009b", "\\u001b[31mred\\u0000nul\\u007f\\u009b")]
        [InlineData("::error file=a::x", "\\u003a:error file=a::x")]
        [InlineData("ok\n \t::add-mask::v", "ok\n \t\\u003a:add-mask::v")]
        [InlineData("##[group]x", "\\u0023#[group]x")]
        [InlineData("text ##VSO[task.complete]", "text \\u0023#VSO[task.complete]")]
        public void MessagesShowControlCharactersAsEscapesAndCiCommandsInert(string input, string expected)
        {
            var result = new HxCheckResult("P", "C", "t", HxStatus.Failed, input) { Remediation = input };
            Assert.Equal(expected, result.Message);
            Assert.Equal(expected, result.Remediation);
            // Stable: made safe twice, the text stays the same.
            result.Message = result.Message;
            Assert.Equal(expected, result.Message);
        }

        [Theory]
        [InlineData("=HYPERLINK(\"http://127.0.0.1/x\")", "'=HYPERLINK(\"http://127.0.0.1/x\")")]
        [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
        [InlineData("-2+3", "'-2+3")]
        [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
        [InlineData(" \t=1+2", "' \t=1+2")]
        [InlineData("'=already text", "'=already text")]
        [InlineData("gw-1 = up, a@b", "gw-1 = up, a@b")]
        public void TextASpreadsheetWouldRunAsAFormulaStartsWithAQuote(string input, string expected)
        {
            var result = new HxCheckResult("P", "C", input, HxStatus.Failed, input) { Remediation = input, Task = input, File = input };
            Assert.All(new[] { result.Target, result.Message, result.Remediation, result.Task, result.File }, v => Assert.Equal(expected, v));
            result.Target = result.Target;
            Assert.Equal(expected, result.Target);
        }

        [Fact]
        public void AFormulaAfterALeadingCarriageReturnIsInertToo()
        {
            var result = new HxCheckResult("P", "C", "\r=1+2", HxStatus.Failed, "\n=1+2");
            Assert.Equal("\\u000d=1+2", result.Target);
            Assert.Equal("'\n=1+2", result.Message);
        }

        [Fact]
        public void TextXmlCannotHoldIsEscapedAndPairsAreKept()
        {
            var result = new HxCheckResult("P", "C", "t", HxStatus.Failed, "bad \ud800 pair \ud83d\ude00 ok \uffff");
            Assert.Equal("bad \\ud800 pair \ud83d\ude00 ok \\uffff", result.Message);
        }

        [Fact]
        public void ATargetIsOneLine()
        {
            var result = new HxCheckResult("P", "C", "gw\n::error::x\u001b", HxStatus.Failed, "m");
            Assert.Equal("gw\\u000a::error::x\\u001b", result.Target);
            // Every text a report prints is made safe, also when a script builds the result.
            result.Check = "C\u001b";
            result.Phase = "::warning::p";
            Assert.Equal("C\\u001b", result.Check);
            Assert.Equal("\\u003a:warning::p", result.Phase);
        }
    }
}
