namespace Twins.Simulator;

/// <summary>How the command runs (not part of the fleet's behaviour).</summary>
/// <param name="Duration">Stop after this long; null runs until Ctrl-C.</param>
/// <param name="Plain">Plain status lines even on a terminal.</param>
/// <param name="StatusInterval">Time between plain status lines.</param>
internal sealed record RunSettings(TimeSpan? Duration, bool Plain, TimeSpan StatusInterval);
