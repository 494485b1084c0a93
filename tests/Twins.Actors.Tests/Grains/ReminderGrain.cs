namespace Twins.Actors.Tests.Grains;

public sealed class ReminderGrain(Journal journal) : Grain, IReminderGrain, IRemindable
{
    public async Task RemindAsync(string name, TimeSpan dueTime, TimeSpan period) => await RegisterOrUpdateReminder(name, dueTime, period);

    public async Task ForgetAsync(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is not null)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<IReadOnlyList<string>> GetRemindersAsync() => (await GetReminders()).Select(r => r.ReminderName).Order().ToList();

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        journal.Add($"{this.GetPrimaryKeyString()}:{reminderName}@{status.CurrentTickTime:HH:mm:ss}");
        return Task.CompletedTask;
    }
}
