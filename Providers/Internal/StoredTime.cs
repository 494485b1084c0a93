namespace Twins.Providers.Internal;

/// <summary>Times are stored as UTC ticks, exact to the tick, so every entry reads back as written.</summary>
internal static class StoredTime
{
    public static long ToTicks(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    public static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
