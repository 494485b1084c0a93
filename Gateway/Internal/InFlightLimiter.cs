namespace Twins.Gateway.Internal;

/// <summary>
/// Counts the requests a worker holds per key (a thing name) and refuses more than the limit, the way AWS IoT
/// answers a thing's eleventh in-flight shadow request with 429. Keys at zero are dropped, so the table only
/// holds vehicles that have work in hand.
/// </summary>
internal sealed class InFlightLimiter(int limit)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for <paramref name="key"/>; false when it already holds the limit.</summary>
    public bool TryEnter(string key)
    {
        lock (_counts)
        {
            _counts.TryGetValue(key, out var count);
            if (count >= limit)
            {
                return false;
            }

            _counts[key] = count + 1;
            return true;
        }
    }

    /// <summary>Returns a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit(string key)
    {
        lock (_counts)
        {
            if (_counts.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    _counts.Remove(key);
                }
                else
                {
                    _counts[key] = count - 1;
                }
            }
        }
    }

    /// <summary>Slots <paramref name="key"/> holds now.</summary>
    public int InFlight(string key)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(key);
        }
    }

    /// <summary>Keys holding at least one slot.</summary>
    public int Keys
    {
        get
        {
            lock (_counts)
            {
                return _counts.Count;
            }
        }
    }
}
