using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Twins.Actors.Invocation;

/// <summary>Grain classes per grain type, filled by generated module initializers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainClassRegistry
{
    private static readonly ConcurrentDictionary<string, GrainClassRegistration> ByGrainType = new(StringComparer.Ordinal);
    private static int _scanned;

    /// <summary>Registers a grain class (called by generated code).</summary>
    public static void Register(Type grainClass, string[] grainTypes, bool isReentrant, Func<IServiceProvider, IGrainActivationContext, object> factory)
    {
        ArgumentNullException.ThrowIfNull(grainTypes);
        var registration = new GrainClassRegistration(grainClass, isReentrant, factory);
        foreach (var grainType in grainTypes)
        {
            ByGrainType[grainType] = registration;
        }
    }

    /// <summary>The class implementing <paramref name="grainType"/>, or null.</summary>
    public static GrainClassRegistration? Find(string grainType)
    {
        if (ByGrainType.TryGetValue(grainType, out var registration))
        {
            return registration;
        }

        EnsureLoaded();
        return ByGrainType.GetValueOrDefault(grainType);
    }

    /// <summary>
    /// Runs the generated registrations of every assembly that references Twins.Actors, once: module
    /// initializers run only when their assembly is first used, and a silo may not have touched its grains yet.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (Interlocked.Exchange(ref _scanned, 1) == 1)
        {
            return;
        }

        var actors = typeof(GrainClassRegistry).Assembly.GetName().Name;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>(AppDomain.CurrentDomain.GetAssemblies());
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            queue.Enqueue(entry);
        }

        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            if (assembly.IsDynamic || !seen.Add(assembly.FullName ?? "") || IsFramework(assembly.GetName().Name))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies();
            if (references.Any(r => r.Name == actors))
            {
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }

            foreach (var reference in references)
            {
                if (!IsFramework(reference.Name) && !seen.Contains(reference.FullName))
                {
                    try
                    {
                        queue.Enqueue(Assembly.Load(reference));
                    }
                    catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                    {
                        // An optional or foreign reference that cannot load cannot hold grains we need.
                    }
                }
            }
        }
    }

    private static bool IsFramework(string? name) =>
        name is null || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name == "netstandard" || name == "mscorlib" || name.StartsWith("xunit", StringComparison.Ordinal);
}
