namespace Twins.Grains.Internal;

/// <summary>Helpers for Orleans' <c>IPersistentState</c>.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Orleans starts a state that was never written as an instance of <typeparamref name="T"/> whose fields are all
    /// null (a record without a parameterless constructor), not as <c>null</c>: replace it with <paramref name="empty"/>
    /// so the grain's code sees a valid value. <c>RecordExists</c> still tells whether
    /// anything was stored.
    /// </summary>
    public static void StartFrom<T>(this IPersistentState<T> state, T empty)
    {
        if (!state.RecordExists)
        {
            state.State = empty;
        }
    }
}
