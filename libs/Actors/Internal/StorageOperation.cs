namespace Twins.Actors.Internal;

/// <summary>A storage call, for metrics and messages.</summary>
internal enum StorageOperation
{
    Read,
    Write,
    Clear,
}
