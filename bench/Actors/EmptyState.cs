namespace Twins.Bench;

/// <summary>State with nothing in it: the activation's own cost is what is measured.</summary>
public sealed record EmptyState;
