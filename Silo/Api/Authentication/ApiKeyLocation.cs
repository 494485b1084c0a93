using System.Security.Cryptography;

namespace Twins.Silo.Api.Authentication;

/// <summary>Where the development signing key lives (under the data directory, owner-only).</summary>
internal sealed class ApiKeyLocation(string dataDirectory)
{
    public string DevelopmentKeyPath => Path.Combine(dataDirectory, ApiAuthenticationOptions.DevelopmentKeyFileName);

    public string ReadOrCreateDevelopmentKey()
    {
        var path = DevelopmentKeyPath;
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return File.ReadAllText(path).Trim();
        }

        return key;
    }
}
