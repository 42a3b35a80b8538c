using System.Threading;
using System.Threading.Tasks;

namespace HxLiteLLM.Remote
{
    /// <summary>Opens the right kind of connection for the options.</summary>
    public static class RemoteConnector
    {
        public static async Task<IRemoteConnection> ConnectAsync(RemoteConnectionOptions options, CancellationToken cancellationToken) =>
            options.Local ? new LocalConnection() : await SshConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
