/** Example rules offered in the page (written for sigmaport; shaped like typical SigmaHQ rules). */
export interface Example {
  readonly name: string
  readonly text: string
}

export const EXAMPLES: readonly Example[] = [
  {
    name: 'Encoded PowerShell command line',
    text: `title: Encoded PowerShell Command Line
id: 5b0c3c52-2f1e-4c8f-9a43-5d1f3c1c9f10
status: test
description: Detects PowerShell started with a base64 encoded command, often used to hide what a script does.
author: sigmaport
date: 2025-01-15
tags:
    - attack.execution
    - attack.t1059.001
logsource:
    category: process_creation
    product: windows
detection:
    selection_img:
        - Image|endswith:
              - '\\powershell.exe'
              - '\\pwsh.exe'
        - OriginalFileName: 'PowerShell.EXE'
    selection_cli:
        CommandLine|contains:
            - ' -enc '
            - ' -EncodedCommand '
    filter_main_parent:
        ParentImage|startswith: 'C:\\Program Files\\Trusted Agent\\'
    condition: all of selection_* and not 1 of filter_main_*
falsepositives:
    - Administration scripts
level: high
`,
  },
  {
    name: 'Web shell request (keywords and regex)',
    text: `title: Web Shell Command Parameter in URI
id: 0d6a8a3e-7a55-4d4f-8c3c-2f0b9e7e1a21
status: experimental
description: Detects requests whose query string passes a shell command to a web shell.
author: sigmaport
date: 2025-01-15
logsource:
    category: webserver
detection:
    selection:
        cs-method: 'GET'
        cs-uri-query|re: '(?i)[?&](cmd|exec|command)=(whoami|id|uname)'
    keywords:
        - 'cmd.exe /c'
        - '/bin/sh -c'
    condition: selection or keywords
level: high
`,
  },
  {
    name: 'Brute force (correlation)',
    text: `title: Failed Logon
id: 3c6f0d9e-1b2a-4f5e-8d7c-6b5a4e3d2c1b
name: failed_logon
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
level: low
---
title: Many Failed Logons From One Source
id: 7e8f9a0b-1c2d-4e3f-9a8b-7c6d5e4f3a2b
status: test
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - IpAddress
    timespan: 5m
    condition:
        gte: 10
level: high
`,
  },
]
