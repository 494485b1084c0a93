namespace Twins.Actors.Internal;

/// <summary>A handle to a registered reminder.</summary>
internal sealed record GrainReminder(string ReminderName) : IGrainReminder;
