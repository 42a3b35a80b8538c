using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HxLiteLLM.Values
{
    /// <summary>
    /// Python 3.11's full Unicode case mapping (str.upper/lower/title/capitalize/swapcase/casefold and the is* tests):
    /// one code point may become several ('ß'.upper() is 'SS'), titlecase differs from uppercase ('ǆ' → 'ǅ'), and a
    /// capital sigma lowers to a final sigma at the end of a word. .NET's invariant mapping is the simple one, so the
    /// code points where Python's differs (Unicode 14 SpecialCasing, titlecase and case folding) are listed below.
    /// </summary>
    public static class PyCase
    {
        public static string Upper(string s) => IsAscii(s) ? s.ToUpperInvariant() : Map(s, Upper);

        public static string Lower(string s) => IsAscii(s) ? s.ToLowerInvariant() : Map(s, Lower);

        public static string CaseFold(string s) => IsAscii(s) ? s.ToLowerInvariant() : Map(s, (cp, _, _) => Fold(cp));

        /// <summary>str.title(): a cased character after a cased one is lowered, any other is title-cased.</summary>
        public static string Title(string s)
        {
            var sb = new StringBuilder(s.Length);
            var previousCased = false;
            ForEach(s, (cp, i) =>
            {
                sb.Append(previousCased ? Lower(cp, s, i) : TitleOf(cp));
                previousCased = IsCased(cp);
            });
            return sb.ToString();
        }

        /// <summary>str.capitalize() (Python 3.8+): the first character title-cased, the rest lowered.</summary>
        public static string Capitalize(string s)
        {
            var sb = new StringBuilder(s.Length);
            ForEach(s, (cp, i) => sb.Append(i == 0 ? TitleOf(cp) : Lower(cp, s, i)));
            return sb.ToString();
        }

        /// <summary>Jinja's title filter per word: the first character upper-cased, the rest of the word lowered.</summary>
        public static string UpperFirstLowerRest(string s)
        {
            if (s.Length == 0) return s;
            var first = char.IsHighSurrogate(s[0]) && s.Length > 1 && char.IsLowSurrogate(s[1]) ? 2 : 1;
            return Upper(s.Substring(0, first)) + Lower(s.Substring(first));
        }

        public static string SwapCase(string s) => Map(s, (cp, text, i) =>
            IsUpperChar(cp) ? Lower(cp, text, i) : IsLowerChar(cp) ? Upper(cp, text, i) : char.ConvertFromUtf32(cp));

        public static bool IsUpper(string s) => HasCasedAllIn(s, IsUpperChar, IsLowerChar);

        public static bool IsLower(string s) => HasCasedAllIn(s, IsLowerChar, IsUpperChar);

        /// <summary>str.isupper/islower: some character of the wanted case and none of the other case or titlecase.</summary>
        private static bool HasCasedAllIn(string s, Func<int, bool> wanted, Func<int, bool> other)
        {
            var cased = false;
            foreach (var cp in CodePoints(s))
            {
                if (other(cp) || IsTitleChar(cp)) return false;
                cased |= wanted(cp);
            }
            return cased;
        }

        public static bool IsTitle(string s)
        {
            bool cased = false, previousCased = false;
            foreach (var cp in CodePoints(s))
            {
                if (IsUpperChar(cp) || IsTitleChar(cp))
                {
                    if (previousCased) return false;
                    previousCased = cased = true;
                }
                else if (IsLowerChar(cp))
                {
                    if (!previousCased) return false;
                    previousCased = cased = true;
                }
                else previousCased = false;
            }
            return cased;
        }

        private static bool IsAscii(string s)
        {
            foreach (var c in s) if (c >= 0x80) return false;
            return true;
        }

        private static string Map(string s, Func<int, string, int, string> map)
        {
            var sb = new StringBuilder(s.Length);
            ForEach(s, (cp, i) => sb.Append(map(cp, s, i)));
            return sb.ToString();
        }

        /// <summary>Each code point with its index in <paramref name="s"/>; a lone surrogate is passed through as itself.</summary>
        private static void ForEach(string s, Action<int, int> action)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var at = i;
                var cp = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? char.ConvertToUtf32(s[i], s[++i]) : s[i];
                action(cp, at);
            }
        }

        private static IEnumerable<int> CodePoints(string s)
        {
            for (var i = 0; i < s.Length; i++)
                yield return char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? char.ConvertToUtf32(s[i], s[++i]) : s[i];
        }

        private static string Text(int cp) => IsSurrogate(cp) ? ((char)cp).ToString() : char.ConvertFromUtf32(cp);

        private static string Upper(int cp, string s, int i) =>
            Tables.Upper.TryGetValue(cp, out var m) ? m : Text(cp).ToUpperInvariant();

        private static string Lower(int cp, string s, int i)
        {
            if (cp == 0x3a3) return FinalSigma(s, i) ? "\u03c2" : "\u03c3";
            return Tables.Lower.TryGetValue(cp, out var m) ? m : Text(cp).ToLowerInvariant();
        }

        private static string TitleOf(int cp) => Tables.Title.TryGetValue(cp, out var m) ? m : Upper(cp, "", 0);

        private static string Fold(int cp) => Tables.Fold.TryGetValue(cp, out var m) ? m : Lower(cp, "", 0);

        private static bool IsSurrogate(int cp) => cp >= 0xd800 && cp <= 0xdfff;

        /// <summary>Unicode's Final_Sigma: a cased letter before (case-ignorables skipped) and none after.</summary>
        private static bool FinalSigma(string s, int at)
        {
            var j = at - 1;
            int before = -1;
            for (; j >= 0; j--)
            {
                var cp = char.IsLowSurrogate(s[j]) && j > 0 && char.IsHighSurrogate(s[j - 1]) ? char.ConvertToUtf32(s[j - 1], s[--j]) : s[j];
                if (!IsCaseIgnorable(cp)) { before = cp; break; }
            }
            if (before < 0 || !IsCased(before)) return false;
            for (var k = at + 1; k < s.Length; k++)
            {
                var cp = char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1]) ? char.ConvertToUtf32(s[k], s[++k]) : s[k];
                if (!IsCaseIgnorable(cp)) return !IsCased(cp);
            }
            return true;
        }

        private static UnicodeCategory Category(int cp) => cp < 0x10000 ? CharUnicodeInfo.GetUnicodeCategory((char)cp)
            : CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(cp), 0);

        private static bool IsUpperChar(int cp) => Category(cp) == UnicodeCategory.UppercaseLetter;

        private static bool IsLowerChar(int cp) => Category(cp) == UnicodeCategory.LowercaseLetter;

        private static bool IsTitleChar(int cp) => Category(cp) == UnicodeCategory.TitlecaseLetter;

        private static bool IsCased(int cp) => IsUpperChar(cp) || IsLowerChar(cp) || IsTitleChar(cp);

        private static bool IsCaseIgnorable(int cp)
        {
            switch (Category(cp))
            {
                case UnicodeCategory.NonSpacingMark: case UnicodeCategory.EnclosingMark: case UnicodeCategory.Format:
                case UnicodeCategory.ModifierLetter: case UnicodeCategory.ModifierSymbol:
                    return true;
            }
            // Word_Break MidLetter, MidNumLet and Single_Quote.
            return cp < 0x10000 && "'.:\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a".IndexOf((char)cp) >= 0;
        }

        /// <summary>The mappings where Python's result is not .NET's simple invariant one, parsed once.</summary>
        private static class Tables
        {
            public static readonly Dictionary<int, string> Upper = Parse(UpperData);
            public static readonly Dictionary<int, string> Lower = Parse(LowerData);
            public static readonly Dictionary<int, string> Title = Parse(TitleData);
            public static readonly Dictionary<int, string> Fold = Parse(FoldData);

            private static Dictionary<int, string> Parse(string data)
            {
                var map = new Dictionary<int, string>();
                foreach (var entry in data.Split(','))
                {
                    var eq = entry.IndexOf('=');
                    var sb = new StringBuilder();
                    foreach (var hex in entry.Substring(eq
                        + 1).Split(' ')) sb.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    map[int.Parse(entry.Substring(0, eq), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = sb.ToString();
                }
                return map;
            }
        }

        // Generated from /usr/bin/python3 (Unicode 14.0): code point = Python's mapping, where it differs from .NET's.
        private const string UpperData =
            "DF=53 53,131=49,149=2BC 4E,1F0=4A 30C,390=399 308 301,3B0=3A5 308 301,587=535 552,1E96=48 331,1E97=54 308,1E98=57 30A,1E99=59 30A," +
            "1E9A=41 2BE,1F50=3A5 313,1F52=3A5 313 300,1F54=3A5 313 301,1F56=3A5 313 342,1F80=1F08 399,1F81=1F09 399,1F82=1F0A 399,1F83=1F0B 399," +
            "1F84=1F0C 399,1F85=1F0D 399,1F86=1F0E 399,1F87=1F0F 399,1F88=1F08 399,1F89=1F09 399,1F8A=1F0A 399,1F8B=1F0B 399,1F8C=1F0C 399,1F8D=1F0D 399," +
            "1F8E=1F0E 399,1F8F=1F0F 399,1F90=1F28 399,1F91=1F29 399,1F92=1F2A 399,1F93=1F2B 399,1F94=1F2C 399,1F95=1F2D 399,1F96=1F2E 399,1F97=1F2F 399," +
            "1F98=1F28 399,1F99=1F29 399,1F9A=1F2A 399,1F9B=1F2B 399,1F9C=1F2C 399,1F9D=1F2D 399,1F9E=1F2E 399,1F9F=1F2F 399,1FA0=1F68 399,1FA1=1F69 399," +
            "1FA2=1F6A 399,1FA3=1F6B 399,1FA4=1F6C 399,1FA5=1F6D 399,1FA6=1F6E 399,1FA7=1F6F 399,1FA8=1F68 399,1FA9=1F69 399,1FAA=1F6A 399,1FAB=1F6B 399," +
            "1FAC=1F6C 399,1FAD=1F6D 399,1FAE=1F6E 399,1FAF=1F6F 399,1FB2=1FBA 399,1FB3=391 399,1FB4=386 399,1FB6=391 342,1FB7=391 342 399,1FBC=391 399," +
            "1FC2=1FCA 399,1FC3=397 399,1FC4=389 399,1FC6=397 342,1FC7=397 342 399,1FCC=397 399,1FD2=399 308 300,1FD3=399 308 301,1FD6=399 342," +
            "1FD7=399 308 342,1FE2=3A5 308 300,1FE3=3A5 308 301,1FE4=3A1 313,1FE6=3A5 342,1FE7=3A5 308 342,1FF2=1FFA 399,1FF3=3A9 399,1FF4=38F 399," +
            "1FF6=3A9 342,1FF7=3A9 342 399,1FFC=3A9 399,FB00=46 46,FB01=46 49,FB02=46 4C,FB03=46 46 49,FB04=46 46 4C,FB05=53 54,FB06=53 54,FB13=544 546," +
            "FB14=544 535,FB15=544 53B,FB16=54E 546,FB17=544 53D";

        private const string LowerData =
            "130=69 307";

        private const string TitleData =
            "DF=53 73,1C4=1C5,1C5=1C5,1C6=1C5,1C7=1C8,1C8=1C8,1C9=1C8,1CA=1CB,1CB=1CB,1CC=1CB,1F1=1F2,1F2=1F2,1F3=1F2,587=535 582,10D0=10D0,10D1=10D1," +
            "10D2=10D2,10D3=10D3,10D4=10D4,10D5=10D5,10D6=10D6,10D7=10D7,10D8=10D8,10D9=10D9,10DA=10DA,10DB=10DB,10DC=10DC,10DD=10DD,10DE=10DE,10DF=10DF," +
            "10E0=10E0,10E1=10E1,10E2=10E2,10E3=10E3,10E4=10E4,10E5=10E5,10E6=10E6,10E7=10E7,10E8=10E8,10E9=10E9,10EA=10EA,10EB=10EB,10EC=10EC,10ED=10ED," +
            "10EE=10EE,10EF=10EF,10F0=10F0,10F1=10F1,10F2=10F2,10F3=10F3,10F4=10F4,10F5=10F5,10F6=10F6,10F7=10F7,10F8=10F8,10F9=10F9,10FA=10FA,10FD=10FD," +
            "10FE=10FE,10FF=10FF,1F80=1F88,1F81=1F89,1F82=1F8A,1F83=1F8B,1F84=1F8C,1F85=1F8D,1F86=1F8E,1F87=1F8F,1F88=1F88,1F89=1F89,1F8A=1F8A,1F8B=1F8B," +
            "1F8C=1F8C,1F8D=1F8D,1F8E=1F8E,1F8F=1F8F,1F90=1F98,1F91=1F99,1F92=1F9A,1F93=1F9B,1F94=1F9C,1F95=1F9D,1F96=1F9E,1F97=1F9F,1F98=1F98,1F99=1F99," +
            "1F9A=1F9A,1F9B=1F9B,1F9C=1F9C,1F9D=1F9D,1F9E=1F9E,1F9F=1F9F,1FA0=1FA8,1FA1=1FA9,1FA2=1FAA,1FA3=1FAB,1FA4=1FAC,1FA5=1FAD,1FA6=1FAE,1FA7=1FAF," +
            "1FA8=1FA8,1FA9=1FA9,1FAA=1FAA,1FAB=1FAB,1FAC=1FAC,1FAD=1FAD,1FAE=1FAE,1FAF=1FAF,1FB2=1FBA 345,1FB3=1FBC,1FB4=386 345,1FB7=391 342 345," +
            "1FBC=1FBC,1FC2=1FCA 345,1FC3=1FCC,1FC4=389 345,1FC7=397 342 345,1FCC=1FCC,1FF2=1FFA 345,1FF3=1FFC,1FF4=38F 345,1FF7=3A9 342 345,1FFC=1FFC," +
            "FB00=46 66,FB01=46 69,FB02=46 6C,FB03=46 66 69,FB04=46 66 6C,FB05=53 74,FB06=53 74,FB13=544 576,FB14=544 565,FB15=544 56B,FB16=54E 576," +
            "FB17=544 56D";

        private const string FoldData =
            "B5=3BC,DF=73 73,149=2BC 6E,17F=73,1F0=6A 30C,345=3B9,390=3B9 308 301,3B0=3C5 308 301,3C2=3C3,3D0=3B2,3D1=3B8,3D5=3C6,3D6=3C0,3F0=3BA," +
            "3F1=3C1,3F5=3B5,587=565 582,13A0=13A0,13A1=13A1,13A2=13A2,13A3=13A3,13A4=13A4,13A5=13A5,13A6=13A6,13A7=13A7,13A8=13A8,13A9=13A9,13AA=13AA," +
            "13AB=13AB,13AC=13AC,13AD=13AD,13AE=13AE,13AF=13AF,13B0=13B0,13B1=13B1,13B2=13B2,13B3=13B3,13B4=13B4,13B5=13B5,13B6=13B6,13B7=13B7,13B8=13B8," +
            "13B9=13B9,13BA=13BA,13BB=13BB,13BC=13BC,13BD=13BD,13BE=13BE,13BF=13BF,13C0=13C0,13C1=13C1,13C2=13C2,13C3=13C3,13C4=13C4,13C5=13C5,13C6=13C6," +
            "13C7=13C7,13C8=13C8,13C9=13C9,13CA=13CA,13CB=13CB,13CC=13CC,13CD=13CD,13CE=13CE,13CF=13CF,13D0=13D0,13D1=13D1,13D2=13D2,13D3=13D3,13D4=13D4," +
            "13D5=13D5,13D6=13D6,13D7=13D7,13D8=13D8,13D9=13D9,13DA=13DA,13DB=13DB,13DC=13DC,13DD=13DD,13DE=13DE,13DF=13DF,13E0=13E0,13E1=13E1,13E2=13E2," +
            "13E3=13E3,13E4=13E4,13E5=13E5,13E6=13E6,13E7=13E7,13E8=13E8,13E9=13E9,13EA=13EA,13EB=13EB,13EC=13EC,13ED=13ED,13EE=13EE,13EF=13EF,13F0=13F0," +
            "13F1=13F1,13F2=13F2,13F3=13F3,13F4=13F4,13F5=13F5,13F8=13F0,13F9=13F1,13FA=13F2,13FB=13F3,13FC=13F4,13FD=13F5,1C80=432,1C81=434,1C82=43E," +
            "1C83=441,1C84=442,1C85=442,1C86=44A,1C87=463,1C88=A64B,1E96=68 331,1E97=74 308,1E98=77 30A,1E99=79 30A,1E9A=61 2BE,1E9B=1E61,1E9E=73 73," +
            "1F50=3C5 313,1F52=3C5 313 300,1F54=3C5 313 301,1F56=3C5 313 342,1F80=1F00 3B9,1F81=1F01 3B9,1F82=1F02 3B9,1F83=1F03 3B9,1F84=1F04 3B9," +
            "1F85=1F05 3B9,1F86=1F06 3B9,1F87=1F07 3B9,1F88=1F00 3B9,1F89=1F01 3B9,1F8A=1F02 3B9,1F8B=1F03 3B9,1F8C=1F04 3B9,1F8D=1F05 3B9,1F8E=1F06 3B9," +
            "1F8F=1F07 3B9,1F90=1F20 3B9,1F91=1F21 3B9,1F92=1F22 3B9,1F93=1F23 3B9,1F94=1F24 3B9,1F95=1F25 3B9,1F96=1F26 3B9,1F97=1F27 3B9,1F98=1F20 3B9," +
            "1F99=1F21 3B9,1F9A=1F22 3B9,1F9B=1F23 3B9,1F9C=1F24 3B9,1F9D=1F25 3B9,1F9E=1F26 3B9,1F9F=1F27 3B9,1FA0=1F60 3B9,1FA1=1F61 3B9,1FA2=1F62 3B9," +
            "1FA3=1F63 3B9,1FA4=1F64 3B9,1FA5=1F65 3B9,1FA6=1F66 3B9,1FA7=1F67 3B9,1FA8=1F60 3B9,1FA9=1F61 3B9,1FAA=1F62 3B9,1FAB=1F63 3B9,1FAC=1F64 3B9," +
            "1FAD=1F65 3B9,1FAE=1F66 3B9,1FAF=1F67 3B9,1FB2=1F70 3B9,1FB3=3B1 3B9,1FB4=3AC 3B9,1FB6=3B1 342,1FB7=3B1 342 3B9,1FBC=3B1 3B9,1FBE=3B9," +
            "1FC2=1F74 3B9,1FC3=3B7 3B9,1FC4=3AE 3B9,1FC6=3B7 342,1FC7=3B7 342 3B9,1FCC=3B7 3B9,1FD2=3B9 308 300,1FD3=3B9 308 301,1FD6=3B9 342," +
            "1FD7=3B9 308 342,1FE2=3C5 308 300,1FE3=3C5 308 301,1FE4=3C1 313,1FE6=3C5 342,1FE7=3C5 308 342,1FF2=1F7C 3B9,1FF3=3C9 3B9,1FF4=3CE 3B9," +
            "1FF6=3C9 342,1FF7=3C9 342 3B9,1FFC=3C9 3B9,AB70=13A0,AB71=13A1,AB72=13A2,AB73=13A3,AB74=13A4,AB75=13A5,AB76=13A6,AB77=13A7,AB78=13A8," +
            "AB79=13A9,AB7A=13AA,AB7B=13AB,AB7C=13AC,AB7D=13AD,AB7E=13AE,AB7F=13AF,AB80=13B0,AB81=13B1,AB82=13B2,AB83=13B3,AB84=13B4,AB85=13B5,AB86=13B6," +
            "AB87=13B7,AB88=13B8,AB89=13B9,AB8A=13BA,AB8B=13BB,AB8C=13BC,AB8D=13BD,AB8E=13BE,AB8F=13BF,AB90=13C0,AB91=13C1,AB92=13C2,AB93=13C3,AB94=13C4," +
            "AB95=13C5,AB96=13C6,AB97=13C7,AB98=13C8,AB99=13C9,AB9A=13CA,AB9B=13CB,AB9C=13CC,AB9D=13CD,AB9E=13CE,AB9F=13CF,ABA0=13D0,ABA1=13D1,ABA2=13D2," +
            "ABA3=13D3,ABA4=13D4,ABA5=13D5,ABA6=13D6,ABA7=13D7,ABA8=13D8,ABA9=13D9,ABAA=13DA,ABAB=13DB,ABAC=13DC,ABAD=13DD,ABAE=13DE,ABAF=13DF,ABB0=13E0," +
            "ABB1=13E1,ABB2=13E2,ABB3=13E3,ABB4=13E4,ABB5=13E5,ABB6=13E6,ABB7=13E7,ABB8=13E8,ABB9=13E9,ABBA=13EA,ABBB=13EB,ABBC=13EC,ABBD=13ED,ABBE=13EE," +
            "ABBF=13EF,FB00=66 66,FB01=66 69,FB02=66 6C,FB03=66 66 69,FB04=66 66 6C,FB05=73 74,FB06=73 74,FB13=574 576,FB14=574 565,FB15=574 56B," +
            "FB16=57E 576,FB17=574 56D";
    }
}
