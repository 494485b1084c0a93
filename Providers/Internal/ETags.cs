namespace Twins.Providers.Internal;

/// <summary>ETags of stored records.</summary>
/// <remarks>
/// Random rather than counters: a counter restarts when a record is deleted and created again, so an ETag read
/// before the delete would match the new record (ABA); a random ETag never comes back.
/// </remarks>
internal static class ETags
{
    /// <summary>The table version ETag of a membership table nobody has written yet.</summary>
    public const string InitialTableVersion = "0";

    public static string New() => Guid.NewGuid().ToString("N");
}
