namespace Twins.Actors.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task RemindAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task ForgetAsync(string name);

    Task<IReadOnlyList<string>> GetRemindersAsync();
}
