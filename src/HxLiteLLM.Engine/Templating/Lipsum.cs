using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace HxLiteLLM.Templating
{
    /// <summary>Jinja's lipsum() global (utils.generate_lorem_ipsum): n random paragraphs of min..max-1 words, as HTML paragraphs or plain text.</summary>
    internal static class Lipsum
    {
        /// <summary>jinja2.constants.LOREM_IPSUM_WORDS.</summary>
        private static readonly string[] Words = (""
            + "a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit "
            + "class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae "
            + "cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit "
            + "enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla "
            + "fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum "
            + "ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis "
            + "malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus "
            + "nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque penatibus "
            + "per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium primis proin pulvinar "
            + "purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit "
            + "sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent "
            + "tortor tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum "
            + "vitae vivamus viverra volutpat vulputate ").Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);

        public static object Generate(CallArgs a)
        {
            var n = a.Int(0, "n", 5);
            var html = a.Bool(1, "html", true);
            var min = a.Int(2, "min", 20);
            var max = a.Int(3, "max", 100);
            if (n > 10_000 || max > 100_000) throw new TemplateError("lipsum() of more than 10000 paragraphs or 100000 words is refused here (a runaway " +
                "template guard)");
            var paragraphs = new List<string>();
            using (var random = RandomNumberGenerator.Create())
            {
                for (long i = 0; i < n; i++) paragraphs.Add(Paragraph(random, min, max));
            }
            if (!html) return string.Join("\n\n", paragraphs);
            // Jinja escapes each paragraph; lorem words and the added , and . have nothing to escape.
            return string.Join("\n", paragraphs.Select(p => "<p>" + p + "</p>"));
        }

        private static string Paragraph(RandomNumberGenerator random, long min, long max)
        {
            var words = new List<string>();
            var nextCapitalized = true;
            long lastComma = 0, lastFullStop = 0;
            string? last = null;
            var count = RandRange(random, min, max);
            for (long index = 0; index < count; index++)
            {
                string word;
                // Never the same word twice in a row.
                do word = Words[RandRange(random, 0, Words.Length)];
                while (word == last);
                last = word;
                if (nextCapitalized)
                {
                    word = char.ToUpperInvariant(word[0]) + word.Substring(1);
                    nextCapitalized = false;
                }
                if (index - RandRange(random, 3, 8) > lastComma)
                {
                    lastComma = index;
                    lastFullStop += 2;
                    word += ",";
                }
                if (index - RandRange(random, 10, 20) > lastFullStop)
                {
                    lastComma = lastFullStop = index;
                    word += ".";
                    nextCapitalized = true;
                }
                words.Add(word);
            }
            var text = string.Join(" ", words);
            if (text.EndsWith(",", StringComparison.Ordinal)) return text.Substring(0, text.Length - 1) + ".";
            return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
        }

        /// <summary>Python's randrange(start, stop): uniform in [start, stop); an empty range is Python's ValueError.</summary>
        private static int RandRange(RandomNumberGenerator random, long start, long stop)
        {
            if (stop <= start) throw new TemplateError("empty range for randrange() (" + start + ", " + stop + ", " + (stop - start) + ")");
            var width = (ulong)(stop - start);
            var bytes = new byte[8];
            var limit = ulong.MaxValue - ulong.MaxValue % width;
            ulong value;
            do
            {
                random.GetBytes(bytes);
                value = BitConverter.ToUInt64(bytes, 0);
            }
            while (value >= limit);
            return (int)(start + (long)(value % width));
        }
    }
}
