package io.kefu.chat;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /chat/demo}: a shop page with the widget's one script tag and the first channel key
 * (the embedded default's demo channel), the chat opened at once.
 */
@Controller
class ChatDemoController {

    private final ChatChannels channels;

    ChatDemoController(ChatChannels channels) {
        this.channels = channels;
    }

    @GetMapping("/chat/demo")
    String demo(Model model) {
        ChatChannel channel = channels.all().stream().findFirst().orElseThrow(() -> new ChatChannelNotFoundException(
                "(none configured: set KEFU_CHAT_CHANNEL_KEY)"));
        model.addAttribute("channelKey", channel.key());
        model.addAttribute("channelName", channel.name());
        String script = ServletUriComponentsBuilder.fromCurrentContextPath().path("/chat/widget.js").toUriString();
        model.addAttribute("snippet", "<script src=\"" + script + "\" data-channel-key=\"" + channel.key()
                + "\" defer></script>");
        return "chat/demo";
    }
}
