using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Twins.Silo.Observability;

/// <summary>
/// Collects the measurements of the silo's meters with a <see cref="MeterListener"/> and writes them in the
/// Prometheus text exposition format (version 0.0.4): counters as <c>_total</c>, histograms as cumulative
/// <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, observable instruments read at scrape time.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type Prometheus expects for the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly HashSet<string> _meterNames;
    private readonly IMeterFactory _meterFactory;
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(IMeterFactory meterFactory, IEnumerable<string> meterNames)
    {
        _meterFactory = meterFactory;
        _meterNames = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Meters from this host's factory (tests run several silos in one process), or static meters.
            if (_meterNames.Contains(instrument.Meter.Name) && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, _meterFactory)))
            {
                _instruments.TryAdd(instrument, new InstrumentSeries(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every series.</summary>
    public string Scrape()
    {
        lock (_scrapeLock)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var series in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                series.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var series))
        {
            series.Record(value, tags);
        }
    }

    /// <summary>Prometheus metric name for an instrument: dots to underscores, the unit as a suffix, <c>_total</c> for counters.</summary>
    internal static string MetricName(Instrument instrument)
    {
        var name = new StringBuilder(instrument.Name.Length + 16);
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "ratio",
            _ => null, // Annotations such as {call} are not units.
        };
        if (unit is not null && !name.ToString().EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name.Append('_').Append(unit);
        }

        if (instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double>)
        {
            name.Append("_total");
        }

        return name.ToString();
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? "" : ",");
            foreach (var c in key)
            {
                text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
            }

            text.Append("=\"");
            AppendEscaped(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, quotes: true);
            text.Append('"');
        }

        return text.ToString();
    }

    private static void AppendEscaped(StringBuilder text, string value, bool quotes)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '"' when quotes: text.Append("\\\""); break;
                default: text.Append(c); break;
            }
        }
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>One instrument's series by label set.</summary>
    private sealed class InstrumentSeries(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly Kind _kind = instrument switch
        {
            Histogram<long> or Histogram<int> or Histogram<double> or Histogram<float> => Kind.Histogram,
            Counter<long> or Counter<int> or Counter<double> or Counter<float> or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double> or UpDownCounter<float> => Kind.Sum,
            _ => Kind.LastValue,
        };

        private readonly double[] _bounds = instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets;

        public string Name { get; } = MetricName(instrument);

        private string Type => _kind == Kind.Histogram ? "histogram" : Name.EndsWith("_total", StringComparison.Ordinal) ? "counter" : "gauge";

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = _series.GetOrAdd(Labels(tags), _ => new Series(_kind == Kind.Histogram ? _bounds.Length + 1 : 0));
            lock (series)
            {
                switch (_kind)
                {
                    case Kind.Sum:
                        series.Value += value;
                        break;
                    case Kind.LastValue:
                        series.Value = value;
                        break;
                    default:
                        var bucket = Array.BinarySearch(_bounds, value);
                        series.Buckets[bucket >= 0 ? bucket : ~bucket]++;
                        series.Value += value;
                        series.Count++;
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            if (_series.IsEmpty)
            {
                return;
            }

            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ');
                AppendEscaped(text, instrument.Description, quotes: false);
                text.Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
            foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_kind != Kind.Histogram)
                    {
                        WriteSample(text, Name, labels, null, series.Value);
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < _bounds.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        WriteSample(text, Name + "_bucket", labels, Number(_bounds[i]), cumulative);
                    }

                    WriteSample(text, Name + "_bucket", labels, "+Inf", series.Count);
                    WriteSample(text, Name + "_sum", labels, null, series.Value);
                    WriteSample(text, Name + "_count", labels, null, series.Count);
                }
            }
        }

        private static void WriteSample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Number(value)).Append('\n');
        }
    }

    private sealed class Series(int buckets)
    {
        public double Value { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[buckets];
    }

    private enum Kind
    {
        Sum,
        LastValue,
        Histogram,
    }
}
