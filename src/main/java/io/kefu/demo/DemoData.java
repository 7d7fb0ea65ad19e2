package io.kefu.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.agent.AgentService;
import io.kefu.agent.AgentUpdate;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.security.KefuGroups;
import io.kefu.ticket.Channel;

/**
 * Fills an empty embedded database with a small living contact centre once it is ready: the
 * articles first (so the bot can answer from them), then the agents, then the customers and their
 * messages, each taken in by {@link IntakeService} exactly as a channel's would be. The marker is
 * the first demo customer: when it exists, nothing is created again.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String MARKER = "demo-wang-fang";

    record DemoAgent(String id, String firstName, String lastName, String queue, List<String> skills, List<String> languages) {
    }

    record DemoCustomer(String externalId, String name, CustomerTier tier, Channel channel, String message) {
    }

    static final List<ArticleContent> ARTICLES = List.of(
            new ArticleContent("zh", "退款怎么申请", """
                    1. 打开 **我的订单**，找到要退款的订单
                    2. 点击「申请退款」，选择原因并提交

                    审核通过后，款项在 **3 个工作日内** 原路退回。""", List.of("退款", "订单")),
            new ArticleContent("zh", "发票怎么开", """
                    在订单详情页点击 **申请发票**，填写抬头和税号即可。电子发票在 24 小时内发到您的邮箱；
                    开错的发票可以在同一页面申请 **重开**。""", List.of("发票")),
            new ArticleContent("zh", "怎么修改收货地址", """
                    订单 **发货前** 可以在订单详情页修改收货地址；已发货的订单请联系客服，我们会与快递公司协调。""",
                    List.of("订单", "地址")),
            new ArticleContent("en", "How do I reset my password?", """
                    On the sign-in page choose **Forgot password**, enter your e-mail address and follow the link we
                    send you. The link is valid for 30 minutes.""", List.of("account", "password")),
            new ArticleContent("en", "Where is my parcel?", """
                    Open **My orders** and choose *Track parcel*: you see where it is and when it should arrive.
                    Parcels usually take **3 to 5 working days**.""", List.of("order", "shipping")),
            new ArticleContent("en", "Changing your subscription plan", """
                    Go to **Account → Subscription** and choose the new plan. An upgrade applies at once and is
                    charged pro rata; a downgrade applies from the next billing date.""", List.of("billing", "subscription")));

    static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("li.na", "Na", "Li", "general_support", List.of(), List.of("zh", "en")),
            new DemoAgent("zhang.wei", "Wei", "Zhang", "billing_team", List.of("billing"), List.of("zh")),
            new DemoAgent("emma.jones", "Emma", "Jones", "senior_tech_support", List.of("tech", "tech.senior"), List.of("en")));

    static final List<DemoCustomer> CUSTOMERS = List.of(
            new DemoCustomer(MARKER, "王芳", CustomerTier.VIP, Channel.WECHAT, "我的发票金额开错了，麻烦帮我重新开一张"),
            new DemoCustomer("demo-li-lei", "李雷", CustomerTier.STANDARD, Channel.WEB, "快递三天了还没到，订单号 20261201-8848，能帮我查一下吗？"),
            new DemoCustomer("demo-chen-jing", "陈静", CustomerTier.STANDARD, Channel.APP, "怎么申请退款"),
            new DemoCustomer("demo-john-smith", "John Smith", CustomerTier.STANDARD, Channel.EMAIL,
                    "I was charged twice for my subscription this month, please refund one of the payments."),
            new DemoCustomer("demo-sarah-lee", "Sarah Lee", CustomerTier.VIP, Channel.WEB,
                    "The app crashes every time I open the settings page. This is really frustrating!"),
            new DemoCustomer("demo-tom-baker", "Tom Baker", CustomerTier.STANDARD, Channel.WEB, "How do I reset my password?"));

    private final boolean enabled;
    private final String agentPassword;
    private final KnowledgeService knowledge;
    private final IdentityService identity;
    private final AgentService agents;
    private final CustomerService customers;
    private final IntakeService intake;

    DemoData(@Value("${kefu.demo-data.enabled:false}") boolean enabled,
            @Value("${kefu.demo-data.agent-password:demo}") String agentPassword, KnowledgeService knowledge,
            IdentityService identity, AgentService agents, CustomerService customers, IntakeService intake) {
        this.enabled = enabled;
        this.agentPassword = agentPassword;
        this.knowledge = knowledge;
        this.identity = identity;
        this.agents = agents;
        this.customers = customers;
        this.intake = intake;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            createOnce();
        }
    }

    /** Creates the demo data unless the database has it already; answers whether it did. */
    synchronized boolean createOnce() {
        if (customers.findByExternalId(MARKER).isPresent()) {
            return false;
        }
        for (ArticleContent article : ARTICLES) {
            knowledge.publish(knowledge.create(article, "demo").id(), null, "demo");
        }
        for (DemoAgent agent : AGENTS) {
            if (identity.createUserQuery().userId(agent.id()).count() == 0) {
                User user = identity.newUser(agent.id());
                user.setFirstName(agent.firstName());
                user.setLastName(agent.lastName());
                user.setEmail(agent.id() + "@localhost");
                user.setPassword(agentPassword);
                identity.saveUser(user);
                identity.createMembership(agent.id(), KefuGroups.AGENTS);
                identity.createMembership(agent.id(), agent.queue());
            }
            agents.update(agent.id(), new AgentUpdate(agent.skills(), agent.languages(), new AgentUpdate.Capacity(3, 5), null));
        }
        for (DemoCustomer customer : CUSTOMERS) {
            customers.register(customer.externalId(), customer.name(), customer.tier());
            intake.receive(new InboundMessage(customer.channel(), customer.externalId(), customer.message(), null));
        }
        log.info("Demo data: {} articles, agents {} (password: kefu.demo-data.agent-password), {} customers with a "
                + "message each. Set KEFU_DEMO_DATA=false to start empty.", ARTICLES.size(),
                AGENTS.stream().map(DemoAgent::id).toList(), CUSTOMERS.size());
        return true;
    }
}
