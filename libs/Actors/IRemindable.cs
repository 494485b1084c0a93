namespace Twins.Actors;

/// <summary>Implemented by grains that register durable reminders; the runtime calls it when one is due.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called, as a grain call (activating the grain if needed), when reminder <paramref name="reminderName"/> is due.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
