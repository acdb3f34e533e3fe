package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import com.prowidesoftware.swift.model.mx.MxPain00100103;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxWriteConfiguration;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType3Choice;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification4;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount16;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransactionInformation10;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV03;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification7;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader32;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification32;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification1;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstructionInformation3;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation19;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation26;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation5;
import com.prowidesoftware.swift.model.mx.dic.ServiceLevel8Choice;

/**
 * A payment batch as an ISO 20022 {@code pain.001} customer credit-transfer initiation, written with Prowide ISO
 * 20022: version {@code pain.001.001.03} (what Finnish banks take today) or {@code pain.001.001.09} (what they move
 * to). One payment information block (the county's account, the requested execution date, SEPA, charges shared
 * SLEV) with one credit transfer per payment: the creditor's name (the account holder the organisation confirmed)
 * and IBAN, the amount in euros, and the payment's reference as both the end-to-end id and the unstructured
 * remittance information (the organisation sees it on its statement).
 */
@Component
public class Pain001Files {

    public static final String V03 = "pain.001.001.03";
    public static final String V09 = "pain.001.001.09";
    public static final List<String> VERSIONS = List.of(V03, V09);

    /** What the file says of the payer and the batch as a whole. */
    public record Header(String messageId, String paymentInformationId, OffsetDateTime createdAt, LocalDate executionDate,
            String debtorName, String debtorIban, String debtorBic) {
    }

    /** One credit transfer. */
    public record Transfer(String creditorName, String creditorIban, BigDecimal amount, String reference) {
    }

    public static void checkVersion(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("silta.grants.payments.pain-version must be one of " + VERSIONS + ": " + version);
        }
    }

    /** The file's XML (UTF-8, the {@code Document} element with the version's namespace). */
    public String write(String version, Header header, List<Transfer> transfers) {
        checkVersion(version);
        BigDecimal total = transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        String count = String.valueOf(transfers.size());
        MxWriteConfiguration config = new MxWriteConfiguration();
        config.includeXMLDeclaration = true;
        // the namespace as the default one (<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">), as banks' examples
        config.documentPrefix = null;
        if (V03.equals(version)) {
            return v03(header, transfers, total, count).message(config);
        }
        return v09(header, transfers, total, count).message(config);
    }

    private static MxPain00100103 v03(Header header, List<Transfer> transfers, BigDecimal total, String count) {
        CustomerCreditTransferInitiationV03 initiation = new CustomerCreditTransferInitiationV03();
        initiation.setGrpHdr(new GroupHeader32().setMsgId(header.messageId()).setCreDtTm(header.createdAt()).setNbOfTxs(count)
                .setCtrlSum(total).setInitgPty(new PartyIdentification32().setNm(header.debtorName())));
        PaymentInstructionInformation3 info = new PaymentInstructionInformation3().setPmtInfId(header.paymentInformationId())
                .setPmtMtd(PaymentMethod3Code.TRF).setBtchBookg(Boolean.FALSE).setNbOfTxs(count).setCtrlSum(total)
                .setPmtTpInf(new PaymentTypeInformation19().setSvcLvl(new ServiceLevel8Choice().setCd("SEPA")))
                .setReqdExctnDt(header.executionDate())
                .setDbtr(new PartyIdentification32().setNm(header.debtorName()))
                .setDbtrAcct(new CashAccount16().setId(new AccountIdentification4Choice().setIBAN(header.debtorIban())))
                .setDbtrAgt(new BranchAndFinancialInstitutionIdentification4()
                        .setFinInstnId(new FinancialInstitutionIdentification7().setBIC(header.debtorBic())))
                .setChrgBr(ChargeBearerType1Code.SLEV);
        for (Transfer transfer : transfers) {
            RemittanceInformation5 remittance = new RemittanceInformation5();
            remittance.getUstrd().add(transfer.reference());
            info.getCdtTrfTxInf().add(new CreditTransferTransactionInformation10()
                    .setPmtId(new PaymentIdentification1().setEndToEndId(transfer.reference()))
                    .setAmt(new AmountType3Choice().setInstdAmt(euros(transfer.amount())))
                    .setCdtr(new PartyIdentification32().setNm(transfer.creditorName()))
                    .setCdtrAcct(new CashAccount16().setId(new AccountIdentification4Choice().setIBAN(transfer.creditorIban())))
                    .setRmtInf(remittance));
        }
        initiation.getPmtInf().add(info);
        return new MxPain00100103().setCstmrCdtTrfInitn(initiation);
    }

    private static MxPain00100109 v09(Header header, List<Transfer> transfers, BigDecimal total, String count) {
        CustomerCreditTransferInitiationV09 initiation = new CustomerCreditTransferInitiationV09();
        initiation.setGrpHdr(new GroupHeader85().setMsgId(header.messageId()).setCreDtTm(header.createdAt()).setNbOfTxs(count)
                .setCtrlSum(total).setInitgPty(new PartyIdentification135().setNm(header.debtorName())));
        PaymentTypeInformation26 type = new PaymentTypeInformation26();
        type.getSvcLvl().add(new ServiceLevel8Choice().setCd("SEPA"));
        PaymentInstruction30 info = new PaymentInstruction30().setPmtInfId(header.paymentInformationId())
                .setPmtMtd(PaymentMethod3Code.TRF).setBtchBookg(Boolean.FALSE).setNbOfTxs(count).setCtrlSum(total)
                .setPmtTpInf(type)
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(header.executionDate()))
                .setDbtr(new PartyIdentification135().setNm(header.debtorName()))
                .setDbtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(header.debtorIban())))
                .setDbtrAgt(new BranchAndFinancialInstitutionIdentification6()
                        .setFinInstnId(new FinancialInstitutionIdentification18().setBICFI(header.debtorBic())))
                .setChrgBr(ChargeBearerType1Code.SLEV);
        for (Transfer transfer : transfers) {
            RemittanceInformation16 remittance = new RemittanceInformation16();
            remittance.getUstrd().add(transfer.reference());
            info.getCdtTrfTxInf().add(new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setEndToEndId(transfer.reference()))
                    .setAmt(new AmountType4Choice().setInstdAmt(euros(transfer.amount())))
                    .setCdtr(new PartyIdentification135().setNm(transfer.creditorName()))
                    .setCdtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(transfer.creditorIban())))
                    .setRmtInf(remittance));
        }
        initiation.getPmtInf().add(info);
        return new MxPain00100109().setCstmrCdtTrfInitn(initiation);
    }

    private static ActiveOrHistoricCurrencyAndAmount euros(BigDecimal amount) {
        return new ActiveOrHistoricCurrencyAndAmount().setValue(amount.setScale(2)).setCcy("EUR");
    }
}
