using System.Collections.Frozen;

namespace Twins.Grains.Telemetry;

/// <summary>
/// The configured descriptor versions, validated once (unique versions, ids and names; finite
/// non-zero scales) and indexed for decoding.
/// </summary>
public sealed class TelemetryDescriptorSet
{
    private readonly FrozenDictionary<int, FrozenDictionary<ushort, SignalDescriptor>> _versions;

    /// <summary>Validates and indexes <paramref name="descriptors"/>; throws naming the bad entry.</summary>
    public TelemetryDescriptorSet(IEnumerable<TelemetryDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var versions = new Dictionary<int, FrozenDictionary<ushort, SignalDescriptor>>();
        foreach (var descriptor in descriptors)
        {
            if (descriptor.Version is < 1 or > ushort.MaxValue)
            {
                throw new ArgumentException($"Telemetry descriptor version {descriptor.Version} is out of range 1-65535.", nameof(descriptors));
            }

            var signals = new Dictionary<ushort, SignalDescriptor>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var signal in descriptor.Signals)
            {
                if (string.IsNullOrEmpty(signal.Name) || signal.Name.Length > TelemetryLimits.MaxNameLength || !names.Add(signal.Name))
                {
                    throw new ArgumentException($"Telemetry descriptor {descriptor.Version}: signal name '{signal.Name}' is empty, too long or repeated.", nameof(descriptors));
                }

                if (!double.IsFinite(signal.Scale) || signal.Scale == 0 || !double.IsFinite(signal.Offset))
                {
                    throw new ArgumentException($"Telemetry descriptor {descriptor.Version}: signal '{signal.Name}' needs a finite non-zero scale and a finite offset.", nameof(descriptors));
                }

                if (!Enum.IsDefined(signal.Type) || !signals.TryAdd(signal.Id, signal))
                {
                    throw new ArgumentException($"Telemetry descriptor {descriptor.Version}: signal id {signal.Id} is repeated or its type is unknown.", nameof(descriptors));
                }
            }

            if (!versions.TryAdd(descriptor.Version, signals.ToFrozenDictionary()))
            {
                throw new ArgumentException($"Telemetry descriptor version {descriptor.Version} is defined twice.", nameof(descriptors));
            }
        }

        _versions = versions.ToFrozenDictionary();
    }

    /// <summary>The configured versions.</summary>
    public IEnumerable<int> Versions => _versions.Keys;

    /// <summary>The signals of <paramref name="version"/>, by id.</summary>
    public bool TryGetVersion(int version, out FrozenDictionary<ushort, SignalDescriptor> signals) =>
        _versions.TryGetValue(version, out signals!);
}
