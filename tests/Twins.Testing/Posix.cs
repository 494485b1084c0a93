using System.Runtime.InteropServices;

namespace Twins.Testing;

/// <summary>The few libc calls the fixtures need (signals for reload and kill -9 fault tests).</summary>
public static partial class Posix
{
    /// <summary>SIGHUP: mosquitto re-reads its CA and CRL files.</summary>
    public const int SigHup = 1;

    /// <summary>SIGKILL: the fault tests' `kill -9`.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM: a graceful stop.</summary>
    public const int SigTerm = 15;

    /// <summary>libc kill(2).</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
