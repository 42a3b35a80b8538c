using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HxLiteLLM.Values;

namespace HxLiteLLM.Templating
{
    /// <summary>
    /// Python's naive <c>datetime.datetime</c> as the to_datetime filter returns it: printing, the date and time
    /// attributes, strftime/isoformat/weekday, comparison, and arithmetic with <see cref="PyTimeDelta"/>.
    /// It only arises inside a template; variables cannot carry one in.
    /// </summary>
    internal sealed class PyDateTime : IAttributeSource, IComparable<PyDateTime>, IFormattable
    {
        private static readonly string[] DayNames = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        internal static readonly string[] MonthNames =
            { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

        public PyDateTime(DateTime value) => Value = value;

        /// <summary>Ticks are 100 ns, finer than Python's microseconds; values are kept to whole microseconds.</summary>
        public DateTime Value { get; }

        public int Microsecond => (int)(Value.Ticks % TimeSpan.TicksPerSecond / 10);

        /// <summary>The Thursday of this date's ISO week: its year is the ISO year, its day of the year gives the ISO week.</summary>
        private DateTime IsoWeekThursday => Value.Date.AddDays(3 - Weekday);

        /// <summary>Monday is 0, as Python's weekday().</summary>
        private int Weekday => ((int)Value.DayOfWeek + 6) % 7;

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "year" => (long)Value.Year,
                "month" => (long)Value.Month,
                "day" => (long)Value.Day,
                "hour" => (long)Value.Hour,
                "minute" => (long)Value.Minute,
                "second" => (long)Value.Second,
                "microsecond" => (long)Microsecond,
                "strftime" => new NativeFunction("strftime",
                    (c, a) => Strftime(a.Required(0, "format") as string ?? throw new TemplateError("strftime() argument 1 must be str"))),
                "isoformat" => new NativeFunction("isoformat", (c, a) => Format(a.Str(0, "sep", "T"))),
                "weekday" => new NativeFunction("weekday", (c, a) => (long)Weekday),
                "isoweekday" => new NativeFunction("isoweekday", (c, a) => (long)Weekday + 1),
                _ => null,
            };
            // tzinfo is a real attribute whose value is None for the naive datetimes strptime makes.
            if (name == "tzinfo") return true;
            return value != null;
        }

        /// <summary>Python's str(): isoformat with a space.</summary>
        public override string ToString() => Format(" ");

        /// <summary>Python's repr() (what a list or dict holding it prints); PyRepr asks IFormattable for it.</summary>
        public string ToString(string? format, IFormatProvider? formatProvider)
        {
            var parts = new List<long> { Value.Year, Value.Month, Value.Day, Value.Hour, Value.Minute, Value.Second, Microsecond };
            for (var i = 0; i < 2 && parts[parts.Count - 1] == 0; i++) parts.RemoveAt(parts.Count - 1);
            return "datetime.datetime(" + string.Join(", ", parts) + ")";
        }

        private string Format(string separator)
        {
            var text = Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + separator + Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            return Microsecond == 0 ? text : text + "." + Microsecond.ToString("D6", CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// time.strftime(format, localtime(seconds) or gmtime(seconds)), as Ansible's strftime filter: whole seconds
        /// (floored), the struct's zone for %z/%Z, and %f left to the C library (which copies it).
        /// </summary>
        internal static string TimeStrftime(string format, double? seconds, bool utc)
        {
            var instant = seconds.HasValue ? FromEpoch(Math.Floor(seconds.Value)) : DateTimeOffset.UtcNow;
            if (utc) return new PyDateTime(new DateTime(instant.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond)).Strftime(format,
                ("+0000", "GMT"));
            var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.Local);
            var offset = local.Offset;
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            var magnitude = offset.Duration();
            var zone = (sign + magnitude.Hours.ToString("D2", CultureInfo.InvariantCulture) + magnitude.Minutes.ToString("D2", CultureInfo.InvariantCulture),
                LocalZoneName(TimeZoneInfo.Local.IsDaylightSavingTime(instant)));
            return new PyDateTime(new DateTime(local.DateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond)).Strftime(format, zone);
        }

        private static DateTimeOffset FromEpoch(double seconds)
        {
            if (double.IsNaN(seconds) || seconds < -62135596800
                || seconds > 253402300799) throw new TemplateError("timestamp out of range for platform time_t");
            return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
        }

        /// <summary>The zone abbreviation tm_zone holds: from the POSIX TZ rule that ends /etc/localtime (TZif 2+), else the zone's id.</summary>
        private static string LocalZoneName(bool daylight)
        {
            try
            {
                var bytes = System.IO.File.ReadAllBytes("/etc/localtime");
                var text = Encoding.ASCII.GetString(bytes).TrimEnd('\n');
                var rule = text.Substring(text.LastIndexOf('\n') + 1);
                var names = Regex.Matches(rule, @"<[^>]*>|[A-Za-z]{3,}");
                if (names.Count > 0)
                {
                    var name = names[daylight && names.Count > 1 ? 1 : 0].Value;
                    return name.Trim('<', '>');
                }
            }
            catch (System.IO.IOException) { }
            catch (UnauthorizedAccessException) { }
            return TimeZoneInfo.Local.Id;
        }

        /// <summary>datetime.strftime(format).</summary>
        internal string StrftimeOf(string format) => Strftime(format);

        /// <summary>
        /// The C library's (glibc) strftime for the directives templates use; unknown ones are copied as they are.
        /// <paramref name="zone"/> is the struct's offset and name (time.strftime); a naive datetime has neither.
        /// </summary>
        private string Strftime(string format, (string Offset, string Name)? zone = null)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 >= format.Length)
                {
                    sb.Append(format[i]);
                    continue;
                }
                var directive = format[++i];
                switch (directive)
                {
                    case 'Y': sb.Append(Value.Year); break;
                    case 'y': sb.Append((Value.Year % 100).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'm': sb.Append(Value.Month.ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'd': sb.Append(Value.Day.ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'e': sb.Append(Value.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                    case 'H': sb.Append(Value.Hour.ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'I': sb.Append(((Value.Hour + 11) % 12 + 1).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'M': sb.Append(Value.Minute.ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'S': sb.Append(Value.Second.ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'f' when zone == null: sb.Append(Microsecond.ToString("D6", CultureInfo.InvariantCulture)); break;
                    case 'j': sb.Append(Value.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)); break;
                    case 'p': sb.Append(Value.Hour < 12 ? "AM" : "PM"); break;
                    case 'a': sb.Append(DayNames[Weekday].Substring(0, 3)); break;
                    case 'A': sb.Append(DayNames[Weekday]); break;
                    case 'b': case 'h': sb.Append(MonthNames[Value.Month - 1].Substring(0, 3)); break;
                    case 'B': sb.Append(MonthNames[Value.Month - 1]); break;
                    case 'w': sb.Append((Weekday + 1) % 7); break;
                    case 'u': sb.Append(Weekday + 1); break;
                    case 'F': sb.Append(Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                    case 'T': sb.Append(Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)); break;
                    case 'z': sb.Append(zone?.Offset); break;
                    case 'Z': sb.Append(zone?.Name); break;
                    case 'c': sb.Append(Strftime("%a %b %e %H:%M:%S %Y")); break;
                    case 'x': case 'D': sb.Append(Strftime("%m/%d/%y")); break;
                    case 'X': sb.Append(Strftime("%H:%M:%S")); break;
                    case 'R': sb.Append(Strftime("%H:%M")); break;
                    case 'r': sb.Append(Strftime("%I:%M:%S %p")); break;
                    case 'C': sb.Append((Value.Year / 100).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'k': sb.Append(Value.Hour.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                    case 'l': sb.Append(((Value.Hour + 11) % 12 + 1).ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                    case 'P': sb.Append(Value.Hour < 12 ? "am" : "pm"); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'U': sb.Append(((Value.DayOfYear + 6 - (int)Value.DayOfWeek) / 7).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'W': sb.Append(((Value.DayOfYear + 6 - Weekday) / 7).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'G': sb.Append(IsoWeekThursday.Year); break;
                    case 'g': sb.Append((IsoWeekThursday.Year % 100).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 'V': sb.Append(((IsoWeekThursday.DayOfYear - 1) / 7 + 1).ToString("D2", CultureInfo.InvariantCulture)); break;
                    case 's': sb.Append(((long)(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(Value, DateTimeKind.Unspecified),
                        TimeZoneInfo.Local) - new DateTime(1970, 1, 1)).TotalSeconds).ToString(CultureInfo.InvariantCulture)); break;
                    case '%': sb.Append('%'); break;
                    default: sb.Append('%').Append(directive); break;
                }
            }
            return sb.ToString();
        }

        public int CompareTo(PyDateTime? other) => other == null ? 1 : Value.CompareTo(other.Value);
        public override bool Equals(object? obj) => obj is PyDateTime other && other.Value == Value;
        public override int GetHashCode() => Value.GetHashCode();

        /// <summary>datetime.strptime: Python's directive patterns, matched case-insensitively against the whole text.</summary>
        public static PyDateTime Strptime(string text, string format)
        {
            var pattern = new StringBuilder("^");
            var groups = new List<char>();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '%' && i + 1 < format.Length)
                {
                    var directive = format[++i];
                    if (directive == '%') { pattern.Append('%'); continue; }
                    if (!DirectivePatterns.TryGetValue(directive, out var directivePattern))
                    {
                        throw new TemplateError("'" + directive + "' is a bad directive in format '%" + directive + "'" +
                            (directive == 'z' || directive == 'Z' ? " (time zones are not supported by this engine)" : ""));
                    }
                    if (groups.Contains(directive)) throw new TemplateError("redefinition of group name " + PyRepr.Repr(directive.ToString()) + " as group");
                    groups.Add(directive);
                    pattern.Append("(?<").Append(GroupName(directive)).Append('>').Append(directivePattern).Append(')');
                }
                else if (char.IsWhiteSpace(c))
                {
                    // Python turns each run of format whitespace into \s+.
                    while (i + 1 < format.Length && char.IsWhiteSpace(format[i + 1])) i++;
                    pattern.Append(@"\s+");
                }
                else pattern.Append(Regex.Escape(c.ToString()));
            }
            var match = new Regex(pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Match(text);
            if (!match.Success) throw new TemplateError("time data " + PyRepr.Repr(text) + " does not match format " + PyRepr.Repr(format));
            if (match.Length != text.Length) throw new TemplateError("unconverted data remains: " + text.Substring(match.Length));
            int Group(char directive, int fallback) => match.Groups[GroupName(directive)].Success
                ? int.Parse(match.Groups[GroupName(directive)].Value.Trim(), CultureInfo.InvariantCulture) : fallback;
            var year = Group('Y', -1);
            if (year < 0) year = match.Groups[GroupName('y')].Success ? TwoDigitYear(Group('y', 0)) : 1900;
            var month = Group('m', 0);
            if (month == 0) month = MonthFromName(match, 'B') ?? MonthFromName(match, 'b') ?? 1;
            var day = Group('d', 1);
            var hour = Group('H', -1);
            if (hour < 0)
            {
                hour = Group('I', 0);
                if (match.Groups[GroupName('I')].Success)
                {
                    var pm = match.Groups[GroupName('p')].Success && match.Groups[GroupName('p')].Value.Equals("PM", StringComparison.OrdinalIgnoreCase);
                    hour = hour % 12 + (pm ? 12 : 0);
                }
            }
            var second = Group('S', 0);
            if (second > 59) throw new TemplateError("second must be in 0..59");
            var fraction = match.Groups[GroupName('f')].Success ? int.Parse(match.Groups[GroupName('f')].Value.PadRight(6, '0'), CultureInfo.InvariantCulture)
                : 0;
            var dayOfYear = Group('j', 0);
            if (dayOfYear > 0 && !match.Groups[GroupName('m')].Success && !match.Groups[GroupName('d')].Success)
            {
                var date = new DateTime(year, 1, 1).AddDays(dayOfYear - 1);
                month = date.Month;
                day = date.Day;
            }
            if (day > DateTime.DaysInMonth(year, month)) throw new TemplateError("day is out of range for month");
            return new PyDateTime(new DateTime(year, month, day, hour, Group('M', 0), second).AddTicks(fraction * 10L));
        }

        private static string GroupName(char directive) => char.IsUpper(directive) ? "u" + directive : "l" + directive;

        private static int TwoDigitYear(int y) => y < 69 ? 2000 + y : 1900 + y;

        private static int? MonthFromName(Match match, char directive)
        {
            var group = match.Groups[GroupName(directive)];
            if (!group.Success) return null;
            var index = Array.FindIndex(MonthNames, m => directive == 'B' ? m.Equals(group.Value, StringComparison.OrdinalIgnoreCase)
                : m.Substring(0, 3).Equals(group.Value, StringComparison.OrdinalIgnoreCase));
            return index + 1;
        }

        // Python's _strptime.TimeRE patterns (C locale names).
        private static readonly Dictionary<char, string> DirectivePatterns = new Dictionary<char, string>
        {
            ['d'] = @"3[01]|[12]\d|0[1-9]|[1-9]| [1-9]",
            ['f'] = @"[0-9]{1,6}",
            ['H'] = @"2[0-3]|[0-1]\d|\d",
            ['I'] = @"1[0-2]|0[1-9]|[1-9]",
            ['j'] = @"36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9]",
            ['m'] = @"1[0-2]|0[1-9]|[1-9]",
            ['M'] = @"[0-5]\d|\d",
            ['S'] = @"6[0-1]|[0-5]\d|\d",
            ['y'] = @"\d\d",
            ['Y'] = @"\d\d\d\d",
            ['p'] = "am|pm",
            ['b'] = string.Join("|", Array.ConvertAll(MonthNames, m => m.Substring(0, 3))),
            ['B'] = string.Join("|", MonthNames),
            ['a'] = "mon|tue|wed|thu|fri|sat|sun",
            ['A'] = string.Join("|", DayNames),
        };
    }

    /// <summary>Python's <c>datetime.timedelta</c>, the difference of two datetimes: days, seconds, microseconds.</summary>
    internal sealed class PyTimeDelta : IAttributeSource, IComparable<PyTimeDelta>, IFormattable
    {
        public PyTimeDelta(TimeSpan value) => Value = value;

        public TimeSpan Value { get; }

        private long TotalMicroseconds => Value.Ticks / 10;
        /// <summary>Python normalises to days (any sign), 0 ≤ seconds &lt; 86400 and 0 ≤ microseconds &lt; 10⁶.</summary>
        private long Days => FloorDiv(TotalMicroseconds, 86_400_000_000L);
        private long Seconds => (TotalMicroseconds - Days * 86_400_000_000L) / 1_000_000;
        private long Microseconds => TotalMicroseconds % 1_000_000 < 0 ? TotalMicroseconds % 1_000_000 + 1_000_000 : TotalMicroseconds % 1_000_000;

        private static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "days" => Days,
                "seconds" => Seconds,
                "microseconds" => Microseconds,
                "total_seconds" => new NativeFunction("total_seconds", (c, a) => TotalMicroseconds / 1e6),
                _ => null,
            };
            return value != null;
        }

        public override string ToString()
        {
            var s = Seconds;
            var text = (s / 3600).ToString(CultureInfo.InvariantCulture) + ":" + (s / 60 % 60).ToString("D2", CultureInfo.InvariantCulture) + ":"
                + (s % 60).ToString("D2", CultureInfo.InvariantCulture);
            if (Days != 0) text = Days.ToString(CultureInfo.InvariantCulture) + " day" + (Math.Abs(Days) != 1 ? "s" : "") + ", " + text;
            return Microseconds == 0 ? text : text + "." + Microseconds.ToString("D6", CultureInfo.InvariantCulture);
        }

        /// <summary>Python's repr(), as PyRepr prints it inside lists and dicts.</summary>
        public string ToString(string? format, IFormatProvider? formatProvider)
        {
            var parts = new List<string>();
            if (Days != 0) parts.Add("days=" + Days.ToString(CultureInfo.InvariantCulture));
            if (Seconds != 0) parts.Add("seconds=" + Seconds.ToString(CultureInfo.InvariantCulture));
            if (Microseconds != 0) parts.Add("microseconds=" + Microseconds.ToString(CultureInfo.InvariantCulture));
            return "datetime.timedelta(" + (parts.Count == 0 ? "0" : string.Join(", ", parts)) + ")";
        }

        public int CompareTo(PyTimeDelta? other) => other == null ? 1 : Value.CompareTo(other.Value);
        public override bool Equals(object? obj) => obj is PyTimeDelta other && other.Value == Value;
        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>Arithmetic and ordering between datetimes and timedeltas, as Python defines it.</summary>
    internal static class DateTimeOps
    {
        public static bool TryBinary(string op, object? a, object? b, out object? result)
        {
            result = null;
            if (!(a is PyDateTime || a is PyTimeDelta)) return false;
            result = (op, a, b) switch
            {
                ("-", PyDateTime x, PyDateTime y) => new PyTimeDelta(x.Value - y.Value),
                ("-", PyDateTime x, PyTimeDelta y) => Shift(x, -y.Value.Ticks),
                ("+", PyDateTime x, PyTimeDelta y) => Shift(x, y.Value.Ticks),
                ("+", PyTimeDelta x, PyDateTime y) => Shift(y, x.Value.Ticks),
                ("-", PyTimeDelta x, PyTimeDelta y) => new PyTimeDelta(x.Value - y.Value),
                ("+", PyTimeDelta x, PyTimeDelta y) => new PyTimeDelta(x.Value + y.Value),
                _ => null,
            };
            return result != null;
        }

        private static PyDateTime Shift(PyDateTime x, long ticks)
        {
            var target = x.Value.Ticks + ticks;
            if (target < DateTime.MinValue.Ticks || target > DateTime.MaxValue.Ticks) throw new TemplateError("date value out of range");
            return new PyDateTime(new DateTime(target));
        }

        public static bool TryCompare(object? a, object? b, out int order)
        {
            order = a is PyDateTime x && b is PyDateTime y ? x.CompareTo(y) : a is PyTimeDelta p && b is PyTimeDelta q ? p.CompareTo(q) : int.MinValue;
            return order != int.MinValue;
        }

        public static string? TypeName(object? value) => value is PyDateTime ? "datetime" : value is PyTimeDelta ? "timedelta" : null;
    }
}
