//! Running the real binary against the test server.

use super::{AK, INSTANCE, PROJECT, TestServer};

/// The output of one run of the real binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `chanedit --endpoint <server> --instance-id <gw> ARGS` with the credentials in the
/// official SDK's variables, files under `home`, and `stdin` (not a terminal).
pub async fn chanedit(
    server: &TestServer,
    home: &std::path::Path,
    sk: &str,
    args: &[&str],
    stdin: &str,
) -> Run {
    chanedit_via(&server.endpoint(), &[], home, sk, args, stdin).await
}

/// [`chanedit`] with another `--endpoint` and extra environment variables.
pub async fn chanedit_via(
    endpoint: &str,
    env: &[(&str, &str)],
    home: &std::path::Path,
    sk: &str,
    args: &[&str],
    stdin: &str,
) -> Run {
    use tokio::io::AsyncWriteExt;
    let mut cmd = tokio::process::Command::from(super::process::chanedit(home));
    cmd.envs(env.iter().copied());
    cmd.env(
        "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
        home.join("no-credentials"),
    )
    .env("HUAWEICLOUD_SDK_AK", AK)
    .env("HUAWEICLOUD_SDK_SK", sk)
    .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
    .env("NO_COLOR", "1")
    .arg("--endpoint")
    .arg(endpoint)
    .arg("--instance-id")
    .arg(INSTANCE)
    .args(args)
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).await.unwrap();
    drop(input);
    let out = child.wait_with_output().await.unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
