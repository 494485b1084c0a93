namespace Twins.Testing;

/// <summary>Locates the repository root (the folder holding Twins.sln) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>tests/node_modules, where the pinned npm peers (dynalite, graphql-js, graphql-ws) are installed.</summary>
    public static string NodeModules => Path.Combine(Root, "tests", "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Twins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Cannot find Twins.sln above {AppContext.BaseDirectory}.");
    }
}
