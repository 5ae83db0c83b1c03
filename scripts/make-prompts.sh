#!/usr/bin/env bash
# Regenerates the built-in prompts in telephony/prompts/ (8 kHz mono 16-bit WAV) with espeak-ng
# and sox. The WAVs are committed, so running the product never needs either tool; run this only
# to change a prompt's words. Replace any file with a studio recording of the same name.
set -euo pipefail
cd "$(dirname "$0")/../telephony/prompts"

say() { # locale name text
  local voice=$([ "$1" = zh-CN ] && echo cmn || echo en-us)
  mkdir -p "$1"
  espeak-ng -v "$voice" -s 150 -w "/tmp/prompt-$$.wav" "$3"
  sox "/tmp/prompt-$$.wav" -r 8000 -c 1 -b 16 "$1/$2.wav" norm -3
  rm -f "/tmp/prompt-$$.wav"
}

while IFS='|' read -r name zh en; do
  [ -z "$name" ] && continue
  say zh-CN "$name" "$zh"
  say en "$name" "$en"
done <<'LIST'
welcome|您好，欢迎致电客户服务中心。|Hello, and thank you for calling customer service.
menu|售前咨询请按1，技术支持请按2，留言请按9。|For sales, press 1. For technical support, press 2. To leave a message, press 9.
invalid|您的输入有误，请重新输入。|Sorry, that is not a valid choice.
timeout|我们没有收到您的按键。|We did not receive your input.
closed|现在是非工作时间，我们的工作时间是周一至周五上午九点到下午六点。|We are closed now. Our hours are Monday to Friday, nine a.m. to six p.m.
position_prefix|您目前排在第|You are number
position_suffix|位。|in the queue.
wait_prefix|预计等待时间约|Your estimated wait is about
minutes|分钟。|minutes.
voicemail|请在提示音后留言，按井号键结束。|Please leave a message after the tone. Press the pound key when you are done.
goodbye|感谢您的来电，再见。|Thank you for calling. Goodbye.
callback_offer|如需回电并保留排队位置，请按1。|To keep your place and have us call you back, press 1.
callback_confirm|好的，坐席空闲时我们将回电给您。|Thank you. We will call you back when an agent is free.
transfer|正在为您转接，请稍候。|Please hold while we transfer your call.
please_hold|所有坐席正忙，请稍候。|All our agents are busy. Please hold.
your_number_is|您的号码是|Your number is
recording_notice|为了提高服务质量，您的通话可能会被录音。|Your call may be recorded for quality purposes.
agent_connect|正在为您接通坐席。|Connecting you to an agent.
LIST

for d in 0 1 2 3 4 5 6 7 8 9; do
  zh=(零 一 二 三 四 五 六 七 八 九); en=(zero one two three four five six seven eight nine)
  say zh-CN "d$d" "${zh[$d]}"; say en "d$d" "${en[$d]}"
done
say zh-CN star 星号; say en star star
say zh-CN pound 井号; say en pound pound
say zh-CN ten 十; say zh-CN hundred 百; say zh-CN thousand 千; say zh-CN wan 万
words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen)
for i in $(seq 0 19); do say en "n$i" "${words[$i]}"; done
tens=([20]=twenty [30]=thirty [40]=forty [50]=fifty [60]=sixty [70]=seventy [80]=eighty [90]=ninety)
for i in 20 30 40 50 60 70 80 90; do say en "n$i" "${tens[$i]}"; done
say en hundred hundred; say en thousand thousand
